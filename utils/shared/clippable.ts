/**
 * Whether a tab's address can be clipped at all, decided before injecting the clipper:
 * browsers refuse scripts on their own pages, extension pages and web stores, and a file
 * or data URL means nothing to the rest of the group.
 */

export type UnclippableReason =
  | 'no-address' // missing or unparsable URL
  | 'browser-page' // chrome://, edge://, about:, view-source:…
  | 'extension-page' // chrome-extension://, moz-extension://…
  | 'web-store' // Chrome Web Store, addons.mozilla.org, Edge Add-ons
  | 'local-file' // file://
  | 'no-web-address' // data:, blob:
  | 'pdf' // a PDF, shown in the browser's viewer
  | 'not-web'; // any other scheme (ftp:, javascript:…)

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

const MESSAGES: Record<UnclippableReason, string> = {
  'no-address': "Readclub can't tell which page this tab shows. Reload the page and try again.",
  'browser-page': "This is one of your browser's own pages, which extensions can't read or save. Open an article and try again.",
  'extension-page': "This page belongs to a browser extension, so Readclub can't read or save it.",
  'web-store': "Browsers don't let extensions read add-on store pages. You can still save it as a link.",
  'local-file': "Readclub can't read files on your computer, and a file link would not open for the rest of your group.",
  'no-web-address': "This page has no web address to share, so Readclub can't save it.",
  pdf: "Readclub can't read PDFs yet. You can still save it as a link.",
  'not-web': 'Readclub can only clip web pages (addresses starting with http or https).',
};

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
  return { clippable: false, reason, message: MESSAGES[reason], saveAsLink };
}

/** Whether the page at `url` can be clipped, and if not why and whether a link can be saved. */
export function clippableUrl(url: string | null | undefined): Clippability {
  let parsed: URL;
  try {
    parsed = new URL(url ?? '');
  } catch {
    return unclippable('no-address');
  }
  const scheme = parsed.protocol.toLowerCase();
  if (scheme === 'http:' || scheme === 'https:') {
    if (isWebStore(parsed)) return unclippable('web-store', true);
    if (parsed.pathname.toLowerCase().endsWith('.pdf')) return unclippable('pdf', true);
    return { clippable: true, saveAsLink: true };
  }
  if (EXTENSION_SCHEMES.has(scheme)) return parsed.hostname === CHROME_PDF_VIEWER ? unclippable('pdf') : unclippable('extension-page');
  if (BROWSER_SCHEMES.has(scheme)) return unclippable('browser-page');
  if (scheme === 'file:') return unclippable('local-file');
  if (scheme === 'data:' || scheme === 'blob:') return unclippable('no-web-address');
  return unclippable('not-web');
}
