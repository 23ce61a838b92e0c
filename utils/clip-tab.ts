/**
 * Clip a tab: find it, refuse pages no extension may read, otherwise inject the clipper
 * (entrypoints/clipper.ts, built to /clipper.js) and hand back the TabClip it returns.
 * Every failure becomes an unclippable TabClip, with the address when it is still worth
 * saving as a plain link.
 */
import type { TabClip } from './protocol';
import { clippableUrl } from './clippable';

export const CLIPPER_FILE = '/clipper.js';

export const NO_TAB_MESSAGE = "Readclub can't tell which page to clip. Click on the page you want to save, then try again.";
export const NO_ACCESS_MESSAGE =
  "Readclub wasn't allowed to read this page. Open Readclub from the toolbar button while on the page and try again — or save it as a link.";
export const NO_RESULT_MESSAGE = "Readclub couldn't read this page. Reload it and try again — or save it as a link.";

type Tab = { id?: number; url?: string; title?: string };

function unclippableTab(message: string, url: string | null, title: string | null): TabClip {
  return { ok: false, error: { kind: 'unclippable', message }, url, title };
}

/** Only http(s) addresses are worth keeping as a link. */
function linkable(url: string | undefined): string | null {
  return url && /^https?:\/\//i.test(url) ? url : null;
}

async function resolveTab(tabId: number | undefined): Promise<Tab | null> {
  try {
    if (tabId != null) return (await browser.tabs.get(tabId)) ?? null;
    const [tab] = await browser.tabs.query({ active: true, lastFocusedWindow: true });
    return tab ?? null;
  } catch {
    return null; // closed tab, bad id
  }
}

function isTabClip(value: unknown): value is TabClip {
  if (typeof value !== 'object' || value === null) return false;
  const v = value as { ok?: unknown; clip?: unknown; error?: unknown };
  return (v.ok === true && typeof v.clip === 'object' && v.clip !== null) || (v.ok === false && typeof v.error === 'object' && v.error !== null);
}

/** Read the tab `tabId`, or the active tab of the last focused window. */
export async function clipTabContents(tabId?: number): Promise<TabClip> {
  const tab = await resolveTab(tabId);
  if (!tab || tab.id == null) return unclippableTab(NO_TAB_MESSAGE, null, null);
  const title = tab.title ?? null;

  // Without permission for the tab the browser hides its URL; injecting is then the only
  // way to find out whether we may read it (activeTab may still allow it).
  if (tab.url !== undefined && tab.url !== '') {
    const verdict = clippableUrl(tab.url);
    if (!verdict.clippable) return unclippableTab(verdict.message, verdict.saveAsLink ? linkable(tab.url) : null, title);
  }

  let results: Array<{ result?: unknown }>;
  try {
    results = await browser.scripting.executeScript({ target: { tabId: tab.id }, files: [CLIPPER_FILE] });
  } catch {
    // "Cannot access contents of the page", missing host permission, tab closed mid-way…
    return unclippableTab(NO_ACCESS_MESSAGE, linkable(tab.url), title);
  }
  const result = results?.[0]?.result;
  return isTabClip(result) ? result : unclippableTab(NO_RESULT_MESSAGE, linkable(tab.url), title);
}
