/**
 * XSS in real Chromium on the production build. Two ways in:
 * - Ada clips tests/fixtures/xss/hostile.html, a page full of known vectors (script, on*
 *   handlers, javascript: and data: URLs, svg/math mutation XSS, srcdoc frames, styles that
 *   fetch, hostile title, author, site name and JSON-LD), through the clipper and DOMPurify;
 * - Mallory, a member who skips the extension, sends the same HTML raw to clip_item (plus a
 *   meta refresh and a base element), with hostile title, byline, site name, excerpt, tags, a
 *   hostile comment, a hostile display name and group name.
 * Everything is then shown everywhere it appears: popup (preview, already-saved item), side
 * panel (queue, item, clipped copy), options (groups, members). No script may run (no dialog,
 * no window.__xss, no CSP violation, which would mean markup got through the sanitiser and
 * only the CSP stopped it) and no extension page may ask any host but the backend and the
 * clipped page's own (its pictures stay remote by design).
 */
import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, test } from 'vitest';
import type { Page, Request } from 'playwright-core';
import { tabIdOf } from './harness';
import { signInMember, useE2e } from './fixtures';
import { ok } from '../integration/helpers';
import { EMPTY_CLIP } from '../../utils/shared/link-clip';

const HOSTILE_NAME = `<img src=x onerror="window.__xss='name';alert('name')">Mallory`;
const HOSTILE_GROUP = `<b onmouseover="alert('group')">Mallory's</b> Circle`;
const HOSTILE_COMMENT = `<script>window.__xss='comment'</script><img src=x onerror="alert('comment')"> see [this](javascript:alert('md-link')) and <a href="javascript:alert(1)">that</a>`;

const e2e = useE2e({ members: ['ada'] });
const {
  backend,
  pages,
  members: { ada },
} = e2e;
let groupName = '';
const dialogs: string[] = [];
const foreign: string[] = [];
const pictures: string[] = [];
const extensionPages: Page[] = [];

/** Who asked: an extension page (or the worker), or an ordinary tab (the hostile page itself may do as it likes). */
function fromExtension(request: Request): boolean {
  if (request.serviceWorker()) return true;
  try {
    return request.frame().page().url().startsWith('chrome-extension://');
  } catch {
    return false;
  }
}

beforeAll(async () => {
  const allowed = [new URL(backend.url).host, new URL(pages.url).host];
  ada.context.on('request', (request) => {
    const url = new URL(request.url());
    if (!fromExtension(request) || ['chrome-extension:', 'data:', 'blob:', 'about:'].includes(url.protocol)) return;
    if (!allowed.includes(url.host)) foreign.push(`${request.frame().page().url()} → ${request.url()}`);
    if (url.pathname === '/xss/picture.png') pictures.push(request.url());
  });
  // A vector that gets through would try these; nothing answers (and nothing leaves the machine).
  await ada.context.route('http://evil.test/**', (route) => route.abort());
  // Every page records CSP violations and the page-level flag vectors set.
  await ada.context.addInitScript(() => {
    const seen: string[] = [];
    Object.assign(window, { __violations: seen });
    // Chrome also reports a violation for each handler attribute DOMPurify parses in its inert
    // document (nothing runs there; the target is then the page's document): only elements
    // in this page count.
    document.addEventListener(
      'securitypolicyviolation',
      (e) => {
        const el = e.target as Element | null;
        if (el && el !== (document as unknown) && el.ownerDocument === document)
          seen.push(`${e.violatedDirective} ${e.sample} ${el.outerHTML.slice(0, 120)}`);
      },
      true,
    );
  });
  ada.context.on('page', (page) => {
    page.on('dialog', (dialog) => {
      if (page.url().startsWith('chrome-extension://')) dialogs.push(`${page.url()}: ${dialog.message()}`);
      void dialog.dismiss();
    });
  });
});

async function open(path: string): Promise<Page> {
  const page = await ada.open(path);
  extensionPages.push(page);
  return page;
}

/** Nothing ran in this page: no flag, no CSP violation, still an extension page. */
async function expectClean(page: Page): Promise<void> {
  const state = await page.evaluate(() => ({
    xss: (window as unknown as { __xss?: unknown }).__xss ?? null,
    violations: (window as unknown as { __violations?: string[] }).__violations ?? [],
    frames: document.querySelectorAll(
      'iframe, object, embed, script:not([src]), meta[http-equiv], base, link[rel="stylesheet"]:not([href^="/"]), style',
    ).length,
    // Handlers anywhere; script URLs where a URL goes (a tag named "javascript:…" as an <option> value is just text).
    handlers: Array.from(document.querySelectorAll('*')).flatMap((el) =>
      Array.from(el.attributes)
        .filter(
          (a) =>
            /^on/i.test(a.name) ||
            (/^(href|src|action|formaction|xlink:href|poster|data|srcdoc|background|srcset)$/i.test(a.name) &&
              /^\s*(javascript|data|vbscript):/i.test(a.value)),
        )
        .map((a) => `${el.localName} ${a.name}`),
    ),
  }));
  expect(page.url()).toMatch(/^chrome-extension:\/\//);
  expect(state).toEqual({ xss: null, violations: [], frames: 0, handlers: [] });
  expect(dialogs).toEqual([]);
  expect(foreign).toEqual([]);
}

describe('hostile pages and members never run script in Readclub', () => {
  test('Mallory, through the API, makes a group, a raw hostile item and comment, and a hostile name', async () => {
    const { client } = await e2e.nodeMember('mallory@xss.test');
    await ok(client, 'update_profile', { p_display_name: HOSTILE_NAME });
    const group = await ok(client, 'create_group', { p_name: HOSTILE_GROUP });
    groupName = group.name;
    const page = readFileSync('tests/fixtures/xss/hostile.html', 'utf8');
    const raw = `<meta http-equiv="refresh" content="0;url=http://evil.test/v/raw-refresh"><base href="http://evil.test/v/raw-base/">${/<article>([\s\S]*)<\/article>/.exec(page)![1]}`;
    const clip = await ok(client, 'clip_item', {
      p_client_id: crypto.randomUUID(),
      p_group_id: group.id,
      p_queue: true,
      p_tags: ['javascript:alert(1)', `"onmouseover=alert('tag')`, "{{constructor.constructor('x')()}}"],
      p_comment: HOSTILE_COMMENT,
      p_clip: {
        ...EMPTY_CLIP,
        kind: 'article',
        url: `${pages.url}/xss/raw.html`,
        title: `<script>window.__xss='raw-title'</script><img src=x onerror=alert('raw-title')>Raw hostile`,
        byline: `<img src=x onerror="alert('raw-byline')">Mallory`,
        authors: [`<svg onload="alert('raw-author')">`],
        site_name: `<iframe srcdoc="<script>parent.alert(1)</script>">`,
        excerpt: `<img src=x onerror="alert('raw-excerpt')">An excerpt`,
        content_html: raw,
        text_length: 2000,
        word_count: 400,
        lead_image_url: 'javascript:alert(1)',
        favicon_url: 'javascript:alert(2)',
      },
    });
    await ok(client, 'add_comment', { p_item_id: clip.item_id, p_body: HOSTILE_COMMENT });
    const invite = await ok(client, 'create_invite', { p_group_id: group.id });
    // Ada signs in and joins: the invitation shows the hostile group name as text.
    const options = await signInMember(ada, backend, 'ada@xss.test');
    extensionPages.push(options);
    await options.getByLabel('Invite code').last().fill(invite.code);
    await options.getByRole('button', { name: 'Join group' }).click();
    await options.getByText(HOSTILE_GROUP).first().waitFor();
    await expectClean(options);
    await options.getByRole('button', { name: `Join ${groupName}` }).click();
    await options.getByText(`You joined ${groupName}.`).waitFor();
    await expectClean(options);
  });

  test('Ada clips the hostile page: the popup preview shows its title and site as text; saving keeps it inert', async () => {
    const pageUrl = `${pages.url}/xss/hostile.html`;
    const tab = await ada.context.newPage();
    await tab.goto(pageUrl);
    const popup = await open(`popup.html?tabId=${await tabIdOf(ada, pageUrl)}`);
    const save = popup.getByRole('button', { name: /^Save (as link )?to / });
    await save.waitFor({ timeout: 20_000 });
    await expect.poll(() => popup.getByText(/Hostile <img src=x onerror=/).count()).toBeGreaterThan(0);
    await expectClean(popup);
    await popup.getByLabel('Tags').fill(`"onfocus=alert(1) autofocus x="`);
    await popup.getByLabel('Comment').fill(`<img src=x onerror="window.__xss='ada-comment'">Careful with this one`);
    await save.click();
    await popup.getByText(/^Saved (“.*” )?to /).waitFor({ timeout: 15_000 });
    await expectClean(popup);
    // Opened again on the same page: the item already saved, with its discussion.
    const again = await open(`popup.html?tabId=${await tabIdOf(ada, pageUrl)}`);
    await again
      .getByText(/Careful with this one/)
      .first()
      .waitFor({ timeout: 15_000 });
    await expectClean(again);
    await Promise.all([popup.close(), again.close()]);
  });

  test('the side panel: the queue, each item, its comments, its clipped copy, the library and its search show hostile text as text', async () => {
    const panel = await open('sidepanel.html');
    const entries = panel.getByTestId('queue-entry');
    await expect.poll(() => entries.count(), { timeout: 15_000 }).toBe(2);
    await expect.poll(() => panel.getByText(/Raw hostile/).count()).toBeGreaterThan(0);
    await expectClean(panel);
    for (const title of [/Raw hostile/, /Hostile/]) {
      await entries.filter({ hasText: title }).first().click();
      await panel.getByLabel('Add a comment').waitFor({ timeout: 15_000 });
      await expectClean(panel);
      await panel.getByRole('button', { name: 'Read the clipped copy' }).click();
      await panel.getByTestId('reader-content').waitFor({ timeout: 15_000 });
      await expect
        .poll(() =>
          panel
            .getByTestId('reader-content')
            .getByText(/That is the whole catalogue/)
            .count(),
        )
        .toBe(1);
      // Give broken images and handlers time to fire, if anything let them through.
      await panel.waitForTimeout(1000);
      await expectClean(panel);
      await panel.getByRole('button', { name: '← Back' }).first().click();
      await panel.getByRole('button', { name: /Back/ }).first().click();
      await entries.first().waitFor();
    }
    // The listener does see an extension page's requests: the clipped copy's own picture.
    expect(pictures.length).toBeGreaterThan(0);
    // The library, its search (titles, text, tags, comments) and meetings show the same items.
    await panel.getByRole('tab', { name: /Library/ }).click();
    await panel
      .getByTestId('library')
      .getByText(/Raw hostile/)
      .first()
      .waitFor({ timeout: 15_000 });
    await expectClean(panel);
    await panel.getByLabel('Search the library').fill('catalogue');
    await panel.waitForTimeout(1500);
    await expectClean(panel);
    await panel.getByRole('tab', { name: /Meetings/ }).click();
    await panel.waitForTimeout(500);
    await expectClean(panel);
  });

  test('options: the group and its members (with the hostile display name) show as text', async () => {
    const options = await open('options.html');
    const group = options.getByTestId('group').filter({ hasText: "Mallory's" }).first();
    await group.waitFor({ timeout: 15_000 });
    await group.getByRole('button', { name: 'Members' }).click();
    await options.getByText(HOSTILE_NAME).first().waitFor({ timeout: 15_000 });
    await options.waitForTimeout(500);
    await expectClean(options);
  });

  test('no extension page ever ran script or asked a foreign host', async () => {
    for (const page of extensionPages.filter((p) => !p.isClosed())) await expectClean(page);
    expect(dialogs).toEqual([]);
    expect(foreign).toEqual([]);
  });
});
