/**
 * Whether a tab's address can be clipped at all, decided before injecting the clipper:
 * browsers refuse scripts on their own pages, extension pages and web stores, and a file
 * or data URL means nothing to the rest of the group. Also the words for every refusal,
 * the clipper's own included: the clipper returns only the reason (urlVerdict, ClipRefusal),
 * and the background words it (wordedClip).
 */
import type { ClipperResult, TabClip } from './protocol';

export type UnclippableReason =
  | 'no-address' // missing or unparsable URL
  | 'browser-page' // chrome://, edge://, about:, view-source:…
  | 'extension-page' // chrome-extension://, moz-extension://…
  | 'web-store' // Chrome Web Store, addons.mozilla.org, Edge Add-ons
  | 'local-file' // file://
  | 'no-web-address' // data:, blob:
  | 'pdf' // a PDF, shown in the browser's viewer
  | 'not-web'; // any other scheme (ftp:, javascript:…)

/** Why the clipper saves a page as a link card (or not at all): its address, or what the page turned out to be. */
export type ClipRefusal =
  | UnclippableReason
  | 'video' // a video page (page-metadata.ts: og:type video.*, JSON-LD VideoObject)
  | 'paywalled' // only a paywall teaser of the article is on the page
  | 'no-article'; // Readability and the passes around it found no article

/** What an address allows, without the words: what the clipper needs (it leaves the words to the background). */
export type UrlVerdict = { clippable: true; saveAsLink: true } | { clippable: false; reason: UnclippableReason; saveAsLink: boolean };

export type Clippability =
  | { clippable: true; saveAsLink: true }
  | {
      clippable: false;
      reason: UnclippableReason;
      /** In words a reading-group member can act on. */
      message: string;
      /** Whether the address is still worth saving to the library as a plain link. */
      saveAsLink: boolean;
    };

export const VIDEO_PAGE_MESSAGE = 'This is a video page: Readclub saves it as a link card.';
export const PAYWALLED_MESSAGE =
  'Only the start of this article is on the page (the rest is for subscribers), so Readclub saves it as a link card.';
export const NO_ARTICLE_MESSAGE = 'Readclub could not find an article on this page. You can still save it as a link.';

/** Each refusal in words a reading-group member can act on. */
export const REFUSAL_MESSAGES: Readonly<Record<ClipRefusal, string>> = {
  'no-address': "Readclub can't tell which page this tab shows. Reload the page and try again.",
  'browser-page': "This is one of your browser's own pages, which extensions can't read or save. Open an article and try again.",
  'extension-page': "This page belongs to a browser extension, so Readclub can't read or save it.",
  'web-store': "Browsers don't let extensions read add-on store pages. You can still save it as a link.",
  'local-file': "Readclub can't read files on your computer, and a file link would not open for the rest of your group.",
  'no-web-address': "This page has no web address to share, so Readclub can't save it.",
  pdf: "Readclub can't read PDFs yet. You can still save it as a link.",
  'not-web': 'Readclub can only clip web pages (addresses starting with http or https).',
  video: VIDEO_PAGE_MESSAGE,
  paywalled: PAYWALLED_MESSAGE,
  'no-article': NO_ARTICLE_MESSAGE,
};

/** The words for a refusal the clipper returned; null for anything that is not one. */
export function refusalMessage(reason: unknown): string | null {
  return typeof reason === 'string' && Object.hasOwn(REFUSAL_MESSAGES, reason) ? REFUSAL_MESSAGES[reason as ClipRefusal] : null;
}

const BROWSER_SCHEMES = new Set([
  'about:',
  'chrome:',
  'chrome-untrusted:',
  'chrome-search:',
  'chrome-devtools:',
  'devtools:',
  'edge:',
  'brave:',
  'opera:',
  'vivaldi:',
  'view-source:',
  'resource:',
]);
const EXTENSION_SCHEMES = new Set(['chrome-extension:', 'moz-extension:', 'extension:', 'safari-web-extension:']);

/** Chrome's built-in PDF viewer is an extension with this fixed id. */
const CHROME_PDF_VIEWER = 'mhjfbmdgcfjbbpaeojofohoefgiehjai';

function isWebStore(url: URL): boolean {
  const host = url.hostname.toLowerCase();
  const path = url.pathname.toLowerCase();
  return (
    host === 'chromewebstore.google.com' ||
    (host === 'chrome.google.com' && (path === '/webstore' || path.startsWith('/webstore/'))) ||
    host === 'addons.mozilla.org' ||
    (host === 'microsoftedge.microsoft.com' && (path === '/addons' || path.startsWith('/addons/')))
  );
}

/** The answer for a page that cannot be clipped for `reason`. */
export function unclippable(reason: UnclippableReason, saveAsLink = false): Clippability {
  return { clippable: false, reason, message: REFUSAL_MESSAGES[reason], saveAsLink };
}

/** Whether the page at `url` can be clipped, and if not why and whether a link can be saved. */
export function clippableUrl(url: string | null | undefined): Clippability {
  const verdict = urlVerdict(url);
  return verdict.clippable ? verdict : unclippable(verdict.reason, verdict.saveAsLink);
}

/** clippableUrl without the words. */
export function urlVerdict(url: string | null | undefined): UrlVerdict {
  const refuse = (reason: UnclippableReason, saveAsLink = false): UrlVerdict => ({ clippable: false, reason, saveAsLink });
  let parsed: URL;
  try {
    parsed = new URL(url ?? '');
  } catch {
    return refuse('no-address');
  }
  const scheme = parsed.protocol.toLowerCase();
  if (scheme === 'http:' || scheme === 'https:') return isWebStore(parsed) ? refuse('web-store', true) : pageVerdict(parsed.href);
  if (EXTENSION_SCHEMES.has(scheme)) return parsed.hostname === CHROME_PDF_VIEWER ? refuse('pdf') : refuse('extension-page');
  if (BROWSER_SCHEMES.has(scheme)) return refuse('browser-page');
  return pageVerdict(parsed.href);
}

/**
 * What the clipper checks of the page it was injected into: browsers never let it into their
 * own, extension or add-on store pages (the background refused those from the tab's address
 * before injecting), so only the scheme and a PDF's address are left to tell. Kept this small
 * because the clipper is injected on every clip.
 */
export function pageVerdict(url: string): UrlVerdict {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return { clippable: false, reason: 'no-address', saveAsLink: false };
  }
  const scheme = parsed.protocol.toLowerCase();
  if (scheme !== 'http:' && scheme !== 'https:') {
    const reason = scheme === 'file:' ? 'local-file' : scheme === 'data:' || scheme === 'blob:' ? 'no-web-address' : 'not-web';
    return { clippable: false, reason, saveAsLink: false };
  }
  return parsed.pathname.toLowerCase().endsWith('.pdf')
    ? { clippable: false, reason: 'pdf', saveAsLink: true }
    : { clippable: true, saveAsLink: true };
}

/** The clipper's result with its refusal in words: the TabClip the background hands on. */
export function wordedClip(result: ClipperResult): TabClip {
  return result.ok ? result : { ...result, error: { kind: 'unclippable', message: REFUSAL_MESSAGES[result.error.reason] } };
}
