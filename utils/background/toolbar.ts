/**
 * What the background shows outside any page: the toolbar button's badge and title for
 * one tab, and a system notification. Used by the shortcut and menu clips (utils/background/quick-clip.ts)
 * and the "already saved" mark (utils/background/saved-badge.ts).
 */
import { browser } from '#imports';

/** The toolbar button's title when it says nothing special (as in the manifest). */
export const DEFAULT_TITLE = 'Clip to Readclub';

export const BADGE_COLORS = { done: '#2f6f5e', working: '#6b675e', failed: '#a3362b' } as const;

export interface BadgeState {
  text: string;
  title: string;
  color?: keyof typeof BADGE_COLORS;
}

interface ActionApi {
  setBadgeText(details: { tabId?: number; text: string | null }): Promise<void>;
  setTitle(details: { tabId?: number; title: string }): Promise<void>;
  setBadgeBackgroundColor(details: { tabId?: number; color: string }): Promise<void>;
}

/** Chrome MV3 calls it `action`, Firefox MV2 `browserAction`. */
function actionApi(): ActionApi | undefined {
  const b = browser as unknown as { action?: ActionApi; browserAction?: ActionApi };
  return b.action ?? b.browserAction;
}

/** Sets the badge and title for one tab; a closed tab is not an error. */
export async function showBadge(tabId: number, state: BadgeState): Promise<void> {
  const api = actionApi();
  if (!api) return;
  try {
    await Promise.all([
      api.setBadgeText({ tabId, text: state.text }),
      api.setTitle({ tabId, title: state.title }),
      state.color ? api.setBadgeBackgroundColor({ tabId, color: BADGE_COLORS[state.color] }) : null,
    ]);
  } catch {
    // The tab closed meanwhile.
  }
}

/**
 * The tab's own mark goes: null, not '', so the tab shows the global badge again (the
 * what's-new count, utils/background/news-badge.ts) instead of hiding it.
 */
export async function clearBadge(tabId: number): Promise<void> {
  const api = actionApi();
  if (!api) return;
  try {
    await Promise.all([api.setBadgeText({ tabId, text: null }), api.setTitle({ tabId, title: DEFAULT_TITLE })]);
  } catch {
    // The tab closed meanwhile.
  }
}

/** A 48 px bookmark on the accent colour: Chrome requires an icon on every notification. */
export const NOTIFICATION_ICON =
  'data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAADAAAAAwCAYAAABXAvmHAAAAjUlEQVR42u3aMQ6AMAiFYW7kjbyC9590czGmiqUP7E/SDZL3rQWzRi3buiufeUod2o3JGvwRpEr4W0RpQLXwFwQAJaBq+BMxPeBrAQAAAAAAAAAAAAAAAAAAAAASAt70pAN4+1IAevTKAL37hwIiZ8IBo+ZCAIpZPnfZEbCh+ROAPTHb+kluJkperrTyHYLiL4HetfMWAAAAAElFTkSuQmCC';

/**
 * Shows a notification. One id per purpose: a new one replaces the last instead of
 * piling up. Never throws: a refused notification must not fail the clip it reports.
 */
export async function notify(id: string, title: string, message: string): Promise<void> {
  try {
    await browser.notifications.create(id, { type: 'basic', iconUrl: NOTIFICATION_ICON, title, message });
  } catch (e) {
    console.warn('[readclub] notification failed', e);
  }
}
