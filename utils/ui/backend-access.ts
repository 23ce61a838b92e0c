/**
 * Host permission for the backend the member chose in Options, or switched to for an
 * invitation's group (components/common/OtherServer.tsx). The build's own backend
 * needs none (Supabase answers with CORS); a different server is asked for at runtime, so
 * the browser itself confirms where the member's clips, comments and email will go, and
 * Readclub never holds access to any other site. Declared as optional_host_permissions
 * (Chrome, MV3) and optional_permissions (Firefox, MV2) in wxt.config.ts.
 */
import { browser } from '#imports';
import { invitationLink, type Invitation } from '@/utils/shared/invitation';
import { backendKey, backendUrl } from '@/utils/shared/storage';
import { ask } from './ask';

/** The match pattern for a backend URL: its scheme and host, every port and path. */
export function backendPattern(url: string): string | null {
  try {
    const { protocol, hostname } = new URL(url);
    if (protocol !== 'https:' && protocol !== 'http:') return null;
    return `${protocol}//${hostname}/*`;
  } catch {
    return null;
  }
}

/** The build's own backend, which needs no asking. */
export const isBuildBackend = (url: string) => url === backendUrl.fallback;

export function refusedMessage(url: string): string {
  return `Readclub needs your permission to reach ${new URL(url).host}; the backend was not changed. Save again and choose Allow.`;
}

/**
 * Ask for access to the backend at `url`. Must be the first thing awaited in the click's
 * handler: browsers grant a permission prompt only during a user gesture. Resolves true at
 * once, without a prompt, when access is already granted.
 */
export async function requestBackendAccess(url: string): Promise<boolean> {
  if (isBuildBackend(url)) return true;
  const pattern = backendPattern(url);
  if (!pattern) return false;
  try {
    return await browser.permissions.request({ origins: [pattern] });
  } catch {
    // Not declared as optional (a scheme the manifest doesn't list), or no user gesture.
    return false;
  }
}

/** Give back access to a backend no longer used (best effort; required hosts stay). */
export async function releaseBackendAccess(oldUrl: string, newUrl: string): Promise<void> {
  const old = backendPattern(oldUrl);
  if (!old || old === backendPattern(newUrl) || isBuildBackend(oldUrl)) return;
  try {
    await browser.permissions.remove({ origins: [old] });
  } catch {
    // Required by the manifest (the test build's localhost), or never granted.
  }
}

/**
 * Use the backend at `url` with `key` (access already granted): stores both, gives back the
 * old host and tells the background, which signs the member out. The error message, or null.
 */
export async function changeBackend(url: string, key: string): Promise<string | null> {
  const before = await backendUrl.getValue();
  await Promise.all([backendUrl.setValue(url), backendKey.setValue(key.trim())]);
  await releaseBackendAccess(before, url);
  const reply = await ask('backendChanged');
  return reply.ok ? null : reply.error.message;
}

/**
 * Options in a tab, with the invitation in its address, where the member switches to the
 * invitation's server: browsers show the permission prompt reliably in a tab, not over the
 * popup or in Firefox's sidebar.
 */
export async function openInvitationInOptions(invitation: Invitation): Promise<void> {
  await browser.tabs.create({ url: invitationLink(browser.runtime.getURL('/options.html'), invitation) });
}
