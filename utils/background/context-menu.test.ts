import { beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { cachedGroups, lastGroupId } from '@/utils/shared/storage';
import { MENU_CLIP_PAGE, MENU_CLIP_SELECTION, buildMenus, menuClipMode, menuTitles, registerContextMenu } from './context-menu';

type Props = { id: string; title: string; contexts: string[]; documentUrlPatterns: string[] };

/** The browser's menu as a list of items: removeAll empties it, create adds (and refuses a duplicate id). */
function fakeMenus() {
  const items: Props[] = [];
  const menus = {
    removeAll: vi.fn(async () => {
      items.length = 0;
    }),
    create: vi.fn((props: Props, done?: () => void) => {
      if (items.some((i) => i.id === props.id)) throw new Error(`Cannot create item with duplicate id ${props.id}`);
      items.push(props);
      setTimeout(() => done?.(), 0);
      return props.id;
    }),
  };
  return { items, menus };
}

const groups = [
  { id: 'g1', name: 'Tuesday readers', role: 'owner' as const, member_count: 2, queue_count: 0 },
  { id: 'g2', name: 'Books & beer', role: 'member' as const, member_count: 5, queue_count: 1 },
];

beforeEach(() => {
  fakeBrowser.reset();
});

describe('menuTitles', () => {
  it('names the group, doubling "&" so it is not read as an access key', () => {
    expect(menuTitles('Tuesday readers')).toEqual({ page: 'Clip page to Tuesday readers', selection: 'Clip selection to Tuesday readers' });
    expect(menuTitles('Books & beer').page).toBe('Clip page to Books && beer');
    expect(menuTitles(null).page).toBe('Clip page to your reading group');
  });
});

describe('buildMenus', () => {
  it('creates a page item and a selection item, on web pages only, titled with the last group', async () => {
    await cachedGroups.setValue(groups);
    await lastGroupId.setValue('g1');
    const { items, menus } = fakeMenus();
    await buildMenus(menus as never);
    expect(items).toEqual([
      { id: MENU_CLIP_PAGE, title: 'Clip page to Tuesday readers', contexts: ['page'], documentUrlPatterns: ['http://*/*', 'https://*/*'] },
      {
        id: MENU_CLIP_SELECTION,
        title: 'Clip selection to Tuesday readers',
        contexts: ['selection'],
        documentUrlPatterns: ['http://*/*', 'https://*/*'],
      },
    ]);
  });

  it('can run again and again (install, startup, group changes) without duplicate items', async () => {
    const { items, menus } = fakeMenus();
    const warn = vi.spyOn(console, 'warn');
    await Promise.all([buildMenus(menus as never), buildMenus(menus as never), buildMenus(menus as never)]);
    expect(items.map((i) => i.id)).toEqual([MENU_CLIP_PAGE, MENU_CLIP_SELECTION]);
    expect(warn).not.toHaveBeenCalled(); // no "duplicate id" refused along the way
    expect(items[0]?.title).toBe('Clip page to your reading group');
  });
});

describe('registerContextMenu', () => {
  function register(clip = vi.fn(async () => null)) {
    const menus = fakeMenus();
    vi.spyOn(fakeBrowser.contextMenus, 'removeAll').mockImplementation(menus.menus.removeAll as never);
    vi.spyOn(fakeBrowser.contextMenus, 'create').mockImplementation(menus.menus.create as never);
    let clicked: ((info: { menuItemId: string }, tab?: { id?: number }) => void) | undefined;
    vi.spyOn(fakeBrowser.contextMenus.onClicked, 'addListener').mockImplementation((fn) => {
      clicked = fn as never;
    });
    const onClick = registerContextMenu(clip);
    return { clip, items: menus.items, onClick, click: (id: string, tabId: number) => clicked?.({ menuItemId: id }, { id: tabId }) };
  }

  it('a click clips the page or the selection of the tab it was made in', async () => {
    const { clip, click, onClick } = register();
    click(MENU_CLIP_PAGE, 4);
    click(MENU_CLIP_SELECTION, 5);
    expect(clip).toHaveBeenNthCalledWith(1, 4, 'page');
    expect(clip).toHaveBeenNthCalledWith(2, 5, 'selection');
    expect(await onClick({ menuItemId: 'someone-else' }, { id: 4 })).toBeNull();
    expect(clip).toHaveBeenCalledTimes(2);
  });

  it('builds the menus on install and renames them when the last group changes', async () => {
    await cachedGroups.setValue(groups);
    const { items } = register();
    await fakeBrowser.runtime.onInstalled.trigger({ reason: 'install' } as never);
    await vi.waitFor(() => expect(items[0]?.title).toBe('Clip page to your reading group'));
    await lastGroupId.setValue('g2');
    await vi.waitFor(() => expect(items.map((i) => i.title)).toEqual(['Clip page to Books && beer', 'Clip selection to Books && beer']));
    await cachedGroups.setValue([groups[0]!, { ...groups[1]!, name: 'Books and beer' }]);
    await vi.waitFor(() => expect(items[0]?.title).toBe('Clip page to Books and beer'));
  });
});

describe('menuClipMode', () => {
  it('knows only our items', () => {
    expect(menuClipMode(MENU_CLIP_PAGE)).toBe('page');
    expect(menuClipMode(MENU_CLIP_SELECTION)).toBe('selection');
    expect(menuClipMode(3)).toBeNull();
  });
});
