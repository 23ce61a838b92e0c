/**
 * Clip a tab: find it, refuse pages no extension may read, otherwise inject the clipper
 * (entrypoints/clipper.ts, built to /clipper.js) and hand back the TabClip it returns.
 * Every failure becomes an unclippable TabClip, with the address when it is still worth
 * saving as a plain link.
 */
import { browser } from '#imports';
import { HIGHLIGHT_CONTEXT_CHARS, MAX_HIGHLIGHT_CHARS, type ClipPayload, type HighlightTarget } from '@/utils/shared/api-types';
import type { TabClip, UserError } from '@/utils/shared/protocol';
import { clippableUrl, refusalMessage } from '@/utils/shared/clippable';
import { linkClip } from '@/utils/shared/link-clip';

export const CLIPPER_FILE = '/clipper.js';

export const NO_TAB_MESSAGE = "Readclub can't tell which page to clip. Click on the page you want to save, then try again.";
export const NO_ACCESS_MESSAGE =
  "Readclub wasn't allowed to read this page. Open Readclub from the toolbar button while on the page and try again — or save it as a link.";
export const NO_RESULT_MESSAGE = "Readclub couldn't read this page. Reload it and try again — or save it as a link.";

type Tab = { id?: number; url?: string; title?: string };

/** A tab we could not read: the link card from what the tab itself tells us (address, title). */
function unclippableTab(message: string, url: string | null, title: string | null): TabClip {
  return { ok: false, error: { kind: 'unclippable', message }, link: url ? linkClip(url, title) : null, selection: null };
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

const isObject = (v: unknown): v is object => typeof v === 'object' && v !== null;

/** The selection's quote from the page, kept only when it is one (strings within a highlight's limits; no position). */
function asQuote(value: unknown): HighlightTarget | null {
  if (!isObject(value)) return null;
  const { exact, prefix, suffix } = value as Record<string, unknown>;
  if (typeof exact !== 'string' || typeof prefix !== 'string' || typeof suffix !== 'string') return null;
  if (!exact.trim() || exact.length > MAX_HIGHLIGHT_CHARS) return null;
  return {
    exact,
    prefix: prefix.slice(-HIGHLIGHT_CONTEXT_CHARS),
    suffix: suffix.slice(0, HIGHLIGHT_CONTEXT_CHARS),
    start: null,
    end: null,
  };
}

/** The clipper's answer (a ClipperResult) as a TabClip, its refusal worded (missing optional parts as null), or null if it isn't one. */
function asTabClip(value: unknown): TabClip | null {
  if (!isObject(value)) return null;
  const v = value as { ok?: unknown; clip?: unknown; error?: unknown; link?: unknown; selection?: unknown; quote?: unknown };
  const selection = isObject(v.selection) ? (v.selection as ClipPayload) : null;
  const quote = asQuote(v.quote) ?? undefined;
  if (v.ok === true && isObject(v.clip)) return { ok: true, clip: v.clip as ClipPayload, selection, quote };
  if (v.ok === false && isObject(v.error)) {
    // The clipper names its reason (ClipperResult); the words for it are here, not in the page.
    const message = refusalMessage((v.error as { reason?: unknown }).reason);
    const error = message ? { kind: 'unclippable' as const, message } : (v.error as UserError);
    return { ok: false, error, link: isObject(v.link) ? (v.link as ClipPayload) : null, selection, quote };
  }
  return null;
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
  return asTabClip(results?.[0]?.result) ?? unclippableTab(NO_RESULT_MESSAGE, linkable(tab.url), title);
}
