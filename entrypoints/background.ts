import { browser, defineBackground } from '#imports';
import { registerHandlers } from '@/utils/background/handlers';
import { quickClip, registerShortcut, type ClipMode } from '@/utils/background/quick-clip';
import { registerContextMenu } from '@/utils/background/context-menu';
import { registerSavedBadge } from '@/utils/background/saved-badge';
import { registerNewsBadge } from '@/utils/background/news-badge';
import { registerOutboxDelivery } from '@/utils/background/outbox-send';
import { getSupabaseClient } from '@/utils/background/supabase-client';

// The background owns the Supabase client and the session; pages only send messages.
// Keep no state here that storage doesn't also hold: the service worker may stop anytime.
export default defineBackground(() => {
  const handlers = registerHandlers();
  const clip = (tabId: number | undefined, mode: ClipMode) => quickClip(handlers, tabId, mode);
  const onCommand = registerShortcut(clip);
  const onMenuClick = registerContextMenu(clip);
  const checkSaved = registerSavedBadge(handlers.findItem);
  // The global badge counts what others added to the active group since you last looked.
  registerNewsBadge(handlers.groupNews);
  // Changes kept while offline or signed out go on an alarm (with backoff) and at browser start.
  const deliverOutbox = registerOutboxDelivery(getSupabaseClient);
  // Automation can't press a browser shortcut or click a menu item, so the end-to-end test
  // calls these, the very functions the listeners above call, from the service worker.
  Object.assign(globalThis, { readclub: { onCommand, onMenuClick, checkSaved, deliverOutbox } });
  // Chrome: the toolbar button opens the popup, which offers the side panel (sidePanel.open
  // needs the popup's user gesture). Firefox's sidebar opens via sidebarAction from the popup.
  browser.sidePanel?.setPanelBehavior({ openPanelOnActionClick: false }).catch(() => {});
});
