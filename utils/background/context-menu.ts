/**
 * The page's right-click menu: "Clip page to <group>" and, over selected text, "Clip
 * selection to <group>", the group being the last one saved to. Both save at once
 * (utils/background/quick-clip.ts). `browser.contextMenus` through the polyfill serves Chrome and
 * Firefox alike.
 *
 * Menu items outlive the service worker, so they are built on install and browser start
 * (not on every wake-up) and rebuilt when the last group or its name changes.
 */
import { browser } from '#imports';
import type { ClipMode } from './quick-clip';
import { cachedGroups, lastGroupId } from '@/utils/shared/storage';

export const MENU_CLIP_PAGE = 'readclub-clip-page';
export const MENU_CLIP_SELECTION = 'readclub-clip-selection';

/** Only web pages: elsewhere (browser pages, files) a clip can't work, so don't offer one. */
const WEB_PAGES = ['http://*/*', 'https://*/*'];

type MenusApi = Pick<typeof browser.contextMenus, 'create' | 'removeAll'>;

/** The menu titles for the last group's name (null before any group is chosen). */
export function menuTitles(groupName: string | null): { page: string; selection: string } {
  const to = groupName ? groupName.replace(/&/g, '&&') : 'your reading group'; // "&" marks an access key in menu titles
  return { page: `Clip page to ${to}`, selection: `Clip selection to ${to}` };
}

export async function lastGroupName(): Promise<string | null> {
  const id = await lastGroupId.getValue();
  if (!id) return null;
  return (await cachedGroups.getValue()).find((g) => g.id === id)?.name ?? null;
}

function created(menus: MenusApi, props: Parameters<MenusApi['create']>[0]): Promise<void> {
  return new Promise((done, fail) => {
    menus.create(props, () => {
      const error = (browser.runtime as { lastError?: { message?: string } }).lastError;
      if (error) fail(new Error(error.message));
      else done();
    });
  });
}

let building: Promise<void> = Promise.resolve();

/** Replaces both items with titles for the current last group. Calls run one after another. */
export function buildMenus(menus: MenusApi = browser.contextMenus): Promise<void> {
  building = building
    .then(async () => {
      const { page, selection } = menuTitles(await lastGroupName());
      await menus.removeAll();
      await created(menus, { id: MENU_CLIP_PAGE, title: page, contexts: ['page'], documentUrlPatterns: WEB_PAGES });
      await created(menus, { id: MENU_CLIP_SELECTION, title: selection, contexts: ['selection'], documentUrlPatterns: WEB_PAGES });
    })
    .catch((e) => console.warn('[readclub] context menu failed', e));
  return building;
}

/** Which clip a menu item asks for, or null for an item that isn't ours. */
export function menuClipMode(menuItemId: string | number): ClipMode | null {
  if (menuItemId === MENU_CLIP_PAGE) return 'page';
  if (menuItemId === MENU_CLIP_SELECTION) return 'selection';
  return null;
}

export type MenuClick = (info: { menuItemId: string | number }, tab?: { id?: number }) => Promise<unknown>;

/** Builds the menus when due and answers their clicks with `clip`; returns the click listener. */
export function registerContextMenu(clip: (tabId: number | undefined, mode: ClipMode) => Promise<unknown>): MenuClick {
  const onClick: MenuClick = async (info, tab) => {
    const mode = menuClipMode(info.menuItemId);
    return mode ? clip(tab?.id, mode) : null;
  };
  browser.contextMenus.onClicked.addListener((info, tab) => void onClick(info, tab));
  browser.runtime.onInstalled.addListener(() => void buildMenus());
  browser.runtime.onStartup.addListener(() => void buildMenus());
  lastGroupId.watch(() => void buildMenus());
  cachedGroups.watch((now, before) => {
    if (JSON.stringify(now?.map((g) => [g.id, g.name])) !== JSON.stringify(before?.map((g) => [g.id, g.name]))) void buildMenus();
  });
  return onClick;
}
