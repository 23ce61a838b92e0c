/**
 * Clipping without the popup, in real Chromium on the production build: the keyboard
 * shortcut and the right-click menu save into the last group and report on the toolbar
 * badge and in a notification; the badge says when the page is already in the group.
 *
 * Automation can't press a browser shortcut or click a context-menu item, so the test calls,
 * in the service worker, the very functions the background's onCommand and
 * contextMenus.onClicked listeners call (exposed as `readclub` in entrypoints/background.ts).
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { Page } from 'playwright-core';
import { tabIdOf } from './harness';
import { createGroup, signInMember, useE2e } from './fixtures';

interface Outcome {
  ok: boolean;
  message: string;
  itemId?: string;
}

const {
  backend,
  pages,
  sql,
  members: { ada },
} = useE2e({ members: ['ada'] });
let fileDir: string;

beforeAll(() => {
  fileDir = mkdtempSync(join(tmpdir(), 'readclub-file-'));
});

afterAll(() => {
  if (fileDir) rmSync(fileDir, { recursive: true, force: true });
});

const articleUrl = () => `${pages.url}/article.html`;
const v8Url = () => `${pages.url}/readability-test-pages/v8-blog/source.html`;

/** What the background's `readclub` global holds (see entrypoints/background.ts). */
type Hooks = {
  onCommand(command: string, tab?: { id?: number }): Promise<Outcome | null>;
  onMenuClick(info: { menuItemId: string }, tab?: { id?: number }): Promise<Outcome | null>;
};

/** The shortcut (manifest command "clip-page") pressed in tab `tabId`. */
function pressShortcut(tabId: number): Promise<Outcome | null> {
  return ada.worker.evaluate((id) => (globalThis as unknown as { readclub: Hooks }).readclub.onCommand('clip-page', { id }), tabId);
}

/** A context-menu item clicked in tab `tabId`. */
function clickMenu(menuItemId: string, tabId: number): Promise<Outcome | null> {
  return ada.worker.evaluate(
    ([item, id]) => (globalThis as unknown as { readclub: Hooks }).readclub.onMenuClick({ menuItemId: item }, { id }),
    [menuItemId, tabId] as const,
  );
}

interface ActionApi {
  getBadgeText(d: { tabId: number }): Promise<string>;
  getTitle(d: { tabId: number }): Promise<string>;
}
type Chrome = {
  action: ActionApi;
  notifications: { getAll(): Promise<Record<string, boolean>> };
  storage: { session: { clear(): Promise<void> } };
};

function badge(tabId: number): Promise<{ text: string; title: string }> {
  return ada.worker.evaluate(async (id) => {
    const chrome = (globalThis as unknown as { chrome: Chrome }).chrome;
    return { text: await chrome.action.getBadgeText({ tabId: id }), title: await chrome.action.getTitle({ tabId: id }) };
  }, tabId);
}

function notificationIds(): Promise<string[]> {
  return ada.worker.evaluate(async () => Object.keys(await (globalThis as unknown as { chrome: Chrome }).chrome.notifications.getAll()));
}

async function openTab(url: string): Promise<{ page: Page; tabId: number }> {
  const page = await ada.context.newPage();
  await page.goto(url);
  const tabId = await tabIdOf(ada, page.url());
  // The background checks each page it sees arrive (saved badge) and sets or clears that tab's
  // badge. Let that check finish first, or it may clear the badge a quick clip has just set.
  await expect
    .poll(() =>
      ada.worker.evaluate(
        async (id) =>
          (await (globalThis as unknown as { chrome: { tabs: { get(id: number): Promise<{ status?: string }> } } }).chrome.tabs.get(id))
            .status,
        tabId,
      ),
    )
    .toBe('complete');
  await ada.worker.evaluate(
    (id) => (globalThis as unknown as { readclub: { checkSaved(id: number): Promise<unknown> } }).readclub.checkSaved(id),
    tabId,
  );
  await page.waitForTimeout(250);
  return { page, tabId };
}

async function itemsAt(url: string) {
  return sql<{ kind: string; title: string; is_selection: boolean; content_html: string | null }>(
    'select kind, title, is_selection, content_html from app.items where url = $1',
    [url],
  );
}

describe('clipping from the shortcut and the context menu', () => {
  test('the menu items exist from install on (updating an unknown item would fail)', async () => {
    const ids = ['readclub-clip-page', 'readclub-clip-selection'];
    const updated = () =>
      ada.worker.evaluate(async (items) => {
        const menus = (globalThis as unknown as { chrome: { contextMenus: { update(id: string, p: object): Promise<void> } } }).chrome
          .contextMenus;
        for (const id of items) await menus.update(id, {});
        return true;
      }, ids);
    await expect.poll(() => updated().catch((e: Error) => e.message), { timeout: 10_000 }).toBe(true);
    await expect(
      ada.worker.evaluate(async () => {
        const menus = (globalThis as unknown as { chrome: { contextMenus: { update(id: string, p: object): Promise<void> } } }).chrome
          .contextMenus;
        return menus.update('no-such-item', {}).then(
          () => 'updated',
          (e: Error) => e.message,
        );
      }),
    ).resolves.toMatch(/not find|no such/i);
  });

  test('signed out, the shortcut says to sign in', async () => {
    const { page, tabId } = await openTab(articleUrl());
    const outcome = await pressShortcut(tabId);
    expect(outcome).toMatchObject({ ok: false, message: expect.stringMatching(/sign in/i) });
    expect(await notificationIds()).toContain('readclub-quick-clip');
    expect((await badge(tabId)).text).toBe('!');
    await page.close();
  });

  test('signed in without a group, it says how to get one; then it clips the page into the group: saved, not queued, badge ✓', async () => {
    const options = await signInMember(ada, backend, 'ada@e2e.test');
    const first = await openTab(articleUrl());
    expect(await pressShortcut(first.tabId)).toMatchObject({ ok: false, message: expect.stringMatching(/which group to save to/) });
    await first.page.close();
    // Her first group becomes the one the shortcut and menu save to.
    await createGroup(options, 'Thursday Circle');
    await options.close();

    const { page, tabId } = await openTab(articleUrl());
    const outcome = await pressShortcut(tabId);
    expect(outcome).toMatchObject({ ok: true, message: expect.stringMatching(/^Added “.*Reading Circles.*” to Thursday Circle\.$/) });
    expect(await itemsAt(articleUrl())).toMatchObject([{ kind: 'article', is_selection: false }]);
    expect(await sql('select 1 from app.queue_entries')).toHaveLength(0); // not queued
    expect((await badge(tabId)).text).toBe('✓');
    await page.close();
  });

  test('"Clip selection" saves only the selected text', async () => {
    const { page, tabId } = await openTab(v8Url());
    await page.evaluate(() => {
      const paragraph = [...document.querySelectorAll('p')].find((p) => p.textContent?.includes('Emscripten has always focused'))!;
      const range = document.createRange();
      range.selectNodeContents(paragraph);
      getSelection()!.removeAllRanges();
      getSelection()!.addRange(range);
    });
    const outcome = await clickMenu('readclub-clip-selection', tabId);
    expect(outcome).toMatchObject({ ok: true, message: expect.stringMatching(/^Added the selection from /) });
    const [item] = await itemsAt(v8Url());
    expect(item).toMatchObject({ kind: 'article', is_selection: true });
    expect(item!.content_html).toContain('standalone Wasm');
    expect(item!.content_html).not.toContain('hello world'); // the next paragraph, not selected
    await page.close();
  });

  test('opted in (Options, Privacy), a page already in the group shows ✓ "Already in Thursday Circle" when opened (find_item)', async () => {
    // Forget what the saves above taught the badge, so this check asks the server; asking on
    // a tab switch is off by default (tests/e2e/first-name.test.ts checks that).
    await ada.worker.evaluate(() => (globalThis as unknown as { chrome: Chrome }).chrome.storage.session.clear());
    await ada.worker.evaluate(() =>
      (globalThis as unknown as { chrome: { storage: { sync: { set(v: object): Promise<void> } } } }).chrome.storage.sync.set({
        checkSavedOnTabSwitch: true,
      }),
    );
    const { page, tabId } = await openTab(articleUrl());
    await page.bringToFront();
    await expect.poll(() => badge(tabId), { timeout: 15_000 }).toEqual({ text: '✓', title: 'Already in Thursday Circle' });
    const other = await openTab(`${pages.url}/not-an-article.html`);
    await other.page.bringToFront();
    await expect.poll(() => badge(other.tabId).then((b) => b.title), { timeout: 15_000 }).toBe('Clip to Readclub');
    expect((await badge(other.tabId)).text).toBe('');
    await Promise.all([page.close(), other.page.close()]);
  });

  test('a file on this computer gets a clear "can\'t clip" message', async () => {
    const file = join(fileDir, 'notes.html');
    writeFileSync(file, '<!doctype html><title>My notes</title><p>Private notes.</p>');
    const { page, tabId } = await openTab(pathToFileURL(file).href);
    const outcome = await pressShortcut(tabId);
    expect(outcome).toEqual({ ok: false, message: expect.stringMatching(/can't read files on your computer/) });
    expect((await badge(tabId)).text).toBe('!');
    expect(await sql("select 1 from app.items where url like 'file:%'")).toHaveLength(0);
    await page.close();
  });

  test('a browser page (chrome://version) gets a clear "can\'t clip" message', async () => {
    const page = await ada.context.newPage();
    await page.goto('chrome://version');
    const tabId = await tabIdOf(ada, 'chrome://version/');
    const outcome = await pressShortcut(tabId);
    expect(outcome).toEqual({ ok: false, message: expect.stringMatching(/browser's own pages/) });
    expect(await notificationIds()).toContain('readclub-quick-clip');
    await page.close();
  });
});
