/**
 * The clipper: injected on demand into the tab being clipped by the background
 * (`browser.scripting.executeScript({ target: { tabId }, files: ['/clipper.js'] })`).
 * It reads the page, and the member's selected text if any, and returns a ClipperResult,
 * which executeScript hands back as the result (the background words its refusals).
 * No listeners, no messaging, nothing left behind in the page.
 */
import { defineUnlistedScript } from '#imports';
import { clipPage } from '@/utils/clipper/extract';
import { selectionFragment, selectionQuote } from '@/utils/clipper/selection-clip';

export default defineUnlistedScript(() => clipPage(document, location.href, selectionFragment(document), selectionQuote(document)));
