/**
 * The local stand-in (`npm run dev`, `npm run backend`) sends no mail: it prints sign-in codes
 * in the terminal it runs in. Pages say so when the backend is on this machine.
 */

/** Whether `url` is a backend on this machine (127.0.0.1, localhost, ::1), any port. */
export function isLocalBackend(url: string): boolean {
  try {
    const { hostname } = new URL(url);
    return hostname === 'localhost' || hostname === '[::1]' || /^127(\.\d{1,3}){3}$/.test(hostname);
  } catch {
    return false;
  }
}

export const LOCAL_CODE_HINT = 'Running locally: the code is printed in the terminal running npm run dev (or npm run backend).';
