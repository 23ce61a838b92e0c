/**
 * The decisions `npm run dev` makes before it starts anything, kept free of side effects so
 * they can be tested: whether a browser can be opened, which port the local backend takes,
 * and what to tell the person running it.
 */

/** Set in WXT's environment when it must not open a browser (read by wxt.config.ts). */
export const NO_BROWSER = 'READCLUB_DEV_NO_BROWSER';

/** `npm run dev` flags: the backend's (see server.ts) and how the browser is opened. */
export const DEV_FLAGS = ['--memory', '--reset', '--no-seed', '--no-browser', '--xvfb'] as const;
export type DevFlag = (typeof DEV_FLAGS)[number];

export function unknownFlags(args: readonly string[]): string[] {
  return args.filter((arg) => !(DEV_FLAGS as readonly string[]).includes(arg));
}

type Env = Record<string, string | undefined>;

/**
 * Whether a window can be shown. Linux and the BSDs need an X server (DISPLAY) or a Wayland
 * compositor (WAYLAND_DISPLAY); macOS and Windows always have a desktop.
 */
export function hasDisplay(env: Env, platform: NodeJS.Platform): boolean {
  if (platform === 'darwin' || platform === 'win32') return true;
  return Boolean(env.DISPLAY || env.WAYLAND_DISPLAY);
}

export type BrowserPlan =
  /** WXT opens Chromium with the extension loaded. */
  | { kind: 'open' }
  /** WXT runs under xvfb-run and opens Chromium in its virtual display (unseen; --xvfb). */
  | { kind: 'xvfb'; xvfbRun: string }
  /** Build and keep rebuilding, and tell the person how to load the extension themselves. */
  | { kind: 'manual'; reason: string };

export function browserPlan(options: {
  env: Env;
  platform: NodeJS.Platform;
  flags: ReadonlySet<string>;
  /** Where xvfb-run is, when it is on PATH. */
  xvfbRun: string | undefined;
}): BrowserPlan {
  const { env, platform, flags, xvfbRun } = options;
  if (flags.has('--no-browser')) return { kind: 'manual', reason: 'Not opening a browser (--no-browser).' };
  if (hasDisplay(env, platform)) return { kind: 'open' };
  const noDisplay = 'No display here (DISPLAY and WAYLAND_DISPLAY are unset), so no browser is opened.';
  if (flags.has('--xvfb')) {
    return xvfbRun ? { kind: 'xvfb', xvfbRun } : { kind: 'manual', reason: `${noDisplay} --xvfb needs xvfb-run, which is not on PATH.` };
  }
  return { kind: 'manual', reason: noDisplay };
}

/** Where `supabase start` puts the API, and so where the extension looks by default. */
export const DEFAULT_PORT = 54321;

/**
 * The ports the backend tries, in order: the default one, then a block above the ones
 * `supabase start` also uses (54322 database … 54329 pooler), so a second run in the same
 * situation lands on the same port; 0 (any free port) last.
 */
export function candidatePorts(preferred = DEFAULT_PORT): number[] {
  const block = Array.from({ length: 10 }, (_, i) => preferred + 10 + i);
  return [preferred, ...block.filter((port) => port <= 65535), 0];
}

/** The first of `candidates` that `isFree` accepts (0, any free port, is always accepted). */
export async function choosePort(candidates: readonly number[], isFree: (port: number) => Promise<boolean>): Promise<number> {
  for (const port of candidates) {
    if (port === 0 || (await isFree(port))) return port;
  }
  return 0;
}

/** The PORT variable as a port number; undefined when unset; a message when it is not a port. */
export function portFromEnv(value: string | undefined): number | undefined | { error: string } {
  if (value === undefined || value.trim() === '') return undefined;
  const port = Number(value);
  if (!Number.isInteger(port) || port < 1 || port > 65535) return { error: `PORT must be a port number from 1 to 65535, not "${value}".` };
  return port;
}

/** One line when the backend is not where the extension looks by default. */
export function portMovedLine(requested: number, url: string): string {
  return `Port ${requested} is in use by another program, so the local backend runs at ${url} and the extension is built for it.`;
}

/** How to sign in with the demo data. */
export function demoSignIn(seeded: boolean): string {
  return seeded
    ? `Sign in as ada@readclub.test (or ben@, cleo@); the sign-in code is printed in this terminal.
Demo group "Thursday Reading Circle", invite code DEMO-CIRCLE.`
    : 'Sign in with any email; the sign-in code is printed in this terminal.';
}

/**
 * How to load the dev build by hand, when no browser was opened. `outBase` is WXT's output
 * folder (absolute); `backendUrl` is set only when it is not the build's default.
 */
export function loadInstructions(outBase: string, backendUrl?: string): string {
  const env = backendUrl ? `WXT_SUPABASE_URL=${backendUrl} ` : '';
  return `Load the extension by hand in a browser on this machine (it talks to the backend at 127.0.0.1):
  Chrome or Chromium: open chrome://extensions, turn on Developer mode, click "Load unpacked"
    and choose ${outBase}/chrome-mv3-dev
    It rebuilds as you edit; if a change does not show, click the reload arrow on its card.
  Firefox: in another terminal run \`${env}npx wxt build -b firefox\`, then open about:debugging,
    This Firefox, "Load Temporary Add-on…" and choose ${outBase}/firefox-mv2/manifest.json`;
}
