import { render } from 'preact';
import { PopupApp } from '@/components/popup/PopupApp';
import { tabIdFromSearch } from '@/utils/ui/format';
import { keepRemembering, readPopupStart, rememberedStart, rememberStart, withReading, type PopupStart } from '@/utils/ui/popup-start';
import '@/components/common/styles.css';

// ?tabId=N: clip that tab (end-to-end tests open the popup as a tab); else the active tab.
const tabId = tabIdFromSearch(location.search);
const draw = (start: PopupStart | undefined) =>
  render(<PopupApp tabId={tabId} start={withReading(start, tabId)} />, document.getElementById('app')!);

// Budget: cached UI within 100 ms. Draw at once from what the popup remembers; else after
// one extension storage read. Either way the storage read is remembered for the next open.
const remembered = rememberedStart();
if (remembered) draw(remembered);
readPopupStart().then((start) => {
  rememberStart(start);
  if (!remembered) draw(start);
  keepRemembering();
});
