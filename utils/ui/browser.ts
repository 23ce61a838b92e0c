/** Browser calls the pages make directly (not via the background). */
import { browser } from '#imports';

interface ChromeSidePanel {
  open(options: { windowId?: number; tabId?: number }): Promise<void>;
}

function chromeSidePanel(): ChromeSidePanel | undefined {
  const chrome = (globalThis as { chrome?: { sidePanel?: ChromeSidePanel } }).chrome;
  return chrome?.sidePanel;
}

/** The current window's id, fetched ahead of time: sidePanel.open must run inside the click. */
export async function currentWindowId(): Promise<number | undefined> {
  try {
    return (await browser.windows.getCurrent()).id;
  } catch {
    return undefined;
  }
}

/**
 * Open the discussion queue. Call synchronously from a click handler (user gesture):
 * Chrome's sidePanel.open and Firefox's sidebarAction.open both require one.
 */
export function openQueuePanel(windowId: number | undefined): Promise<void> {
  const sidePanel = chromeSidePanel();
  if (sidePanel && windowId !== undefined) return sidePanel.open({ windowId });
  const sidebar = (browser as { sidebarAction?: { open(): Promise<void> } }).sidebarAction;
  if (sidebar) return sidebar.open();
  // Neither API (e.g. a test page): show the panel's page in a tab instead.
  return browser.tabs.create({ url: browser.runtime.getURL('/sidepanel.html') }).then(() => undefined);
}

export function openOptions(): void {
  browser.runtime.openOptionsPage().catch(() => {});
}
