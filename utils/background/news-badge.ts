/**
 * The toolbar badge's count of items others added to the active group since you last
 * looked. It is the badge's GLOBAL text; the "already saved" ✓ and the
 * quick clip's marks are per tab and win on their tab (Chrome and Firefox show a tab's own
 * text over the global one; utils/background/toolbar.ts clearBadge hands a tab back to the count).
 */
import { browser } from '#imports';
import { cachedGroups, lastGroupId, panelGroupId } from '@/utils/shared/storage';
import { BADGE_COLORS, DEFAULT_TITLE } from './toolbar';

interface GlobalActionApi {
  setBadgeText(details: { text: string }): Promise<void>;
  setTitle(details: { title: string }): Promise<void>;
  setBadgeBackgroundColor(details: { color: string }): Promise<void>;
}

/** The group the count is for: the side panel's, else the one saved to last. */
export async function activeGroupId(): Promise<string | null> {
  return (await panelGroupId.getValue()) ?? (await lastGroupId.getValue());
}

export function newsBadgeText(count: number): string {
  return count <= 0 ? '' : count > 99 ? '99+' : String(count);
}

/** Shows the count when groupId is the active group; other groups' news does not touch the badge. */
export async function showNewsCount(groupId: string, count: number): Promise<void> {
  if ((await activeGroupId()) !== groupId) return;
  const b = browser as unknown as { action?: GlobalActionApi; browserAction?: GlobalActionApi };
  const api = b.action ?? b.browserAction;
  if (!api) return;
  const name = (await cachedGroups.getValue()).find((g) => g.id === groupId)?.name ?? 'your group';
  const title = count > 0 ? `${count} new in ${name} since you last looked` : DEFAULT_TITLE;
  await Promise.all([
    api.setBadgeText({ text: newsBadgeText(count) }),
    api.setTitle({ title }),
    api.setBadgeBackgroundColor({ color: BADGE_COLORS.done }),
  ]);
}

const NEWS_ALARM = 'readclub-news';
/** One-shot: the count for a newly remembered group, a minute after the change (not during it). */
const NEWS_SOON_ALARM = 'readclub-news-soon';

/** Clears the global count (no request): it belonged to the group that was active before. */
async function clearNewsCount(): Promise<void> {
  const b = browser as unknown as { action?: GlobalActionApi; browserAction?: GlobalActionApi };
  const api = b.action ?? b.browserAction;
  if (api) await Promise.all([api.setBadgeText({ text: '' }), api.setTitle({ title: DEFAULT_TITLE })]);
}

/**
 * Keeps the count fresh while the side panel is closed: at start, every 5 minutes (an
 * alarm, so a stopped service worker wakes for it) and when the side panel's group changes.
 * When the group saved to last changes (a clip), the old count is cleared at once and the
 * new one asked a minute later: asking then would be a second request in every first clip
 * into a group (a clip is one request).
 */
export function registerNewsBadge(groupNews: (data: { groupId: string }) => Promise<unknown>): () => Promise<void> {
  const check = async () => {
    const groupId = await activeGroupId();
    if (groupId) await groupNews({ groupId }).catch(() => {});
  };
  const clipped = () => {
    void clearNewsCount().catch(() => {});
    browser.alarms?.create(NEWS_SOON_ALARM, { delayInMinutes: 1 });
  };
  browser.alarms?.create(NEWS_ALARM, { periodInMinutes: 5 });
  browser.alarms?.onAlarm.addListener((alarm) => {
    if (alarm.name === NEWS_ALARM || alarm.name === NEWS_SOON_ALARM) void check();
  });
  panelGroupId.watch(() => void check());
  lastGroupId.watch(clipped);
  void check();
  return check;
}
