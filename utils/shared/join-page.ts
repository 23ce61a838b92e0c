/**
 * The join page (site/join.html, hosted by whoever publishes the build): an https address any
 * browser opens, which explains how to install Readclub and where to paste the invitation.
 * Set at build time with WXT_JOIN_PAGE_URL; a build for the local stand-in (npm run dev, the
 * tests) uses the page the stand-in serves at /join. Empty: invitations carry no link.
 */
import { backendUrl } from './storage';

const LOCAL_HOSTS = new Set(['127.0.0.1', 'localhost', '[::1]']);

export function joinPageUrl(
  configured: string = import.meta.env.WXT_JOIN_PAGE_URL ?? '',
  buildBackend: string = backendUrl.fallback,
): string {
  if (configured.trim()) return configured.trim();
  try {
    const url = new URL(buildBackend);
    return LOCAL_HOSTS.has(url.hostname) ? `${url.origin}/join` : '';
  } catch {
    return '';
  }
}
