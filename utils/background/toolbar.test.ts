import { beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { BADGE_COLORS, DEFAULT_TITLE, NOTIFICATION_ICON, clearBadge, notify, showBadge } from './toolbar';

beforeEach(() => fakeBrowser.reset());

describe('badge', () => {
  it('sets text, title and colour for one tab only, and clears back to the default title', async () => {
    await showBadge(3, { text: '✓', title: 'Already in Tuesday readers', color: 'done' });
    expect(await fakeBrowser.action.getBadgeText({ tabId: 3 })).toBe('✓');
    expect(await fakeBrowser.action.getTitle({ tabId: 3 })).toBe('Already in Tuesday readers');
    expect(await fakeBrowser.action.getBadgeBackgroundColor({ tabId: 3 })).toEqual([0x2f, 0x6f, 0x5e, 255]);
    expect(BADGE_COLORS.done).toBe('#2f6f5e');
    expect(await fakeBrowser.action.getBadgeText({ tabId: 4 })).toBe('');
    await clearBadge(3);
    expect(await fakeBrowser.action.getBadgeText({ tabId: 3 })).toBe('');
    expect(await fakeBrowser.action.getTitle({ tabId: 3 })).toBe(DEFAULT_TITLE);
  });

  it('a closed tab is not an error', async () => {
    vi.spyOn(fakeBrowser.action, 'setBadgeText').mockRejectedValue(new Error('No tab with id: 3.'));
    await expect(showBadge(3, { text: '!', title: 'x' })).resolves.toBeUndefined();
  });
});

describe('notify', () => {
  it('shows a basic notification with the icon Chrome requires, replacing the last one of its kind', async () => {
    const create = vi.spyOn(fakeBrowser.notifications, 'create');
    await notify('readclub-test', 'Saved', 'Added “An essay”.');
    expect(create).toHaveBeenCalledWith('readclub-test', {
      type: 'basic',
      iconUrl: NOTIFICATION_ICON,
      title: 'Saved',
      message: 'Added “An essay”.',
    });
    expect(NOTIFICATION_ICON).toMatch(/^data:image\/png;base64,iVBORw0KGgo/);
  });

  it('never throws when notifications are refused', async () => {
    vi.spyOn(fakeBrowser.notifications, 'create').mockRejectedValue(new Error('denied'));
    vi.spyOn(console, 'warn').mockImplementation(() => {});
    await expect(notify('x', 'y', 'z')).resolves.toBeUndefined();
  });
});
