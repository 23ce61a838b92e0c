import { registerHandlers } from '@/utils/handlers';

// The background owns the Supabase client and the session; pages only send messages.
// Keep no state here that storage doesn't also hold: the service worker may stop anytime.
export default defineBackground(() => {
  registerHandlers();
  // Chrome: the toolbar button opens the popup, which offers the side panel (sidePanel.open
  // needs the popup's user gesture). Firefox's sidebar opens via sidebarAction from the popup.
  browser.sidePanel?.setPanelBehavior({ openPanelOnActionClick: false }).catch(() => {});
});
