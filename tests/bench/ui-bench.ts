/**
 * The extension's pages in real Chromium against the local backend (on its own Postgres
 * database, readclub_bench_ui), behind a counting proxy: how fast the popup shows the cached
 * group list and the clip preview, how the side panel draws a 1,000-item queue and a
 * 200-comment thread and scrolls, and how many HTTP requests each user action makes.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { chromium, type Page } from 'playwright-core';
import { startLocalBackend } from '../../supabase/local/index';
import { serveFixtures, signInMember, type Browser } from '../e2e/harness';
import { startProxy, tally, type CountingProxy } from './proxy';
import { summarise, type Summary } from './stats';
import { UI_SEED_EMAIL, uiSeedSql } from './ui-seed';

export interface ActionRequests {
  action: string;
  requests: number;
  preflights: number;
  byPath: Record<string, number>;
}
export interface UiFigures {
  popup: {
    /** The page's frame (header, account bar) drawn: the account is known. */
    shellMs: Summary;
    cachedGroupsMs: Summary;
    cachedPreviewMs: Summary;
    firstOpenGroupsMs: number;
    holdMs: number;
  };
  sidepanel: {
    queueItems: number;
    queueFirstMs: number;
    queueCachedMs: Summary;
    /** The panel's frame drawn (account known), in the same cached opens. */
    shellCachedMs: Summary;
    queueRendered: number;
    queueLongestTaskMs: number;
    threadComments: number;
    /** Click on the queue entry to its first comment drawn: each open (Back to the queue between). */
    threadMs: Summary;
    /**
     * The same opens timed inside the page: from the click event to the first comment in the DOM
     * (no Playwright round trips), split at the moment item_detail's answer reached the page:
     * `answerMs` (the view mounting, the message to the background, the request and its answer)
     * and `drawMs` (from the answer to the first comment drawn); `backendMs`: of the answer, the
     * item_detail request as the proxy saw it (its arrival to the end of the backend's answer).
     */
    threadInPage?: { totalMs: Summary; answerMs: Summary; drawMs: Summary; backendMs?: Summary };
    threadRendered: number;
    scroll: { frames: number; p95FrameMs: number; maxFrameMs: number; over50ms: number };
  };
  requests: ActionRequests[];
}

/** Marks, in the page, when a selector first matches (ms since the page's navigation started). */
const MARKER = `(() => {
  const w = window; w.__bench = { marks: {}, longTasks: [] };
  try { new PerformanceObserver((l) => { for (const e of l.getEntries()) w.__bench.longTasks.push(e.duration); }).observe({ type: 'longtask', buffered: true }); } catch {}
  w.__benchWatch = (name, selector, count) => new Promise((done) => {
    const check = () => { const n = document.querySelectorAll(selector).length; if (n >= count) { w.__bench.marks[name] ??= performance.now(); done(w.__bench.marks[name]); return true; } return false; };
    if (check()) return;
    const mo = new MutationObserver(() => { if (check()) mo.disconnect(); });
    mo.observe(document, { childList: true, subtree: true });
  });
  const watch = [['shell', '.page'], ['groups', '#group-select'], ['preview', 'article.preview'], ['queue', '[data-testid=queue-entry]']];
  const found = {}; w.__bench.done = {};
  for (const [name] of watch) w.__bench.done[name] = new Promise((done) => (found[name] = done));
  const start = () => { for (const [name, sel] of watch) w.__benchWatch(name, sel, 1).then(found[name]); };
  if (document.documentElement) start(); else document.addEventListener('readystatechange', start, { once: true });
})();`;

interface ThreadTimes {
  click: number;
  answer: number;
  drawn: number;
}

/**
 * Installed in the side panel once (a string, as MARKER, so nothing the TypeScript build adds
 * runs in the page): wraps chrome.runtime.sendMessage to note when the answer to an itemDetail
 * message reaches the page; `__threadArm()` (before each open) notes the next click and
 * resolves `__thread.drawn` with the three times when the first comment is in the DOM.
 */
const THREAD_TIMER = `(() => {
  const w = window; const times = { click: 0, answer: 0, drawn: 0 };
  const runtime = chrome.runtime; const send = runtime.sendMessage.bind(runtime);
  runtime.sendMessage = (message, ...rest) => {
    const last = rest.length - 1; const reply = rest[last];
    if (message && message.type === 'itemDetail' && typeof reply === 'function') {
      rest[last] = (answer) => { if (!times.answer) times.answer = performance.now(); reply(answer); };
    }
    return send(message, ...rest);
  };
  w.__threadArm = () => {
    times.click = 0; times.answer = 0; times.drawn = 0;
    document.addEventListener('click', () => { times.click = performance.now(); }, { capture: true, once: true });
    w.__thread = { drawn: new Promise((done) => {
      const observer = new MutationObserver(() => {
        if (!document.querySelector('[data-testid=comment]')) return;
        times.drawn = performance.now(); observer.disconnect(); done({ ...times });
      });
      observer.observe(document, { childList: true, subtree: true });
    }) };
  };
})();`;

/**
 * Waits for the page's own promise of the mark: one call, no polling. (waitForFunction polled
 * the page every 20 ms and installed Playwright's injected script on the page's main thread
 * while it was starting, which slowed the very start being timed.)
 */
async function mark(page: Page, name: string, timeoutMs = 20_000): Promise<number> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<never>(
    (_, fail) => (timer = setTimeout(() => fail(new Error(`${name}: not shown within ${timeoutMs} ms`)), timeoutMs)),
  );
  try {
    return await Promise.race([
      page.evaluate((n) => (window as unknown as { __bench: { done: Record<string, Promise<number>> } }).__bench.done[n]!, name),
      late,
    ]);
  } finally {
    clearTimeout(timer);
  }
}

/** Waits until the proxy has seen no new request for quietMs (the action's calls are done). */
async function settle(proxy: CountingProxy, quietMs = 1200, maxMs = 15_000): Promise<void> {
  const start = Date.now();
  let count = proxy.seen.length;
  let since = Date.now();
  while (Date.now() - start < maxMs) {
    await new Promise((done) => setTimeout(done, 100));
    if (proxy.seen.length !== count) {
      count = proxy.seen.length;
      since = Date.now();
    } else if (Date.now() - since >= quietMs + proxy.holdMs) return;
  }
}

async function launch(extensionDir: string): Promise<Browser> {
  const profile = mkdtempSync(join(tmpdir(), 'readclub-bench-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    headless: false,
    args: [
      '--headless=new',
      `--disable-extensions-except=${extensionDir}`,
      `--load-extension=${extensionDir}`,
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
    ],
  });
  await context.addInitScript(MARKER);
  const worker = context.serviceWorkers()[0] ?? (await context.waitForEvent('serviceworker'));
  const extensionId = new URL(worker.url()).host;
  return {
    context,
    extensionId,
    worker,
    profile,
    async open(path) {
      const page = await context.newPage();
      await page.goto(`chrome-extension://${extensionId}/${path}`);
      return page;
    },
    async close() {
      await context.close();
      rmSync(profile, { recursive: true, force: true });
    },
  };
}

/** Clicks Save and waits for "Saved “title” to …"; on failure says what the popup showed instead. */
async function save(popup: Page): Promise<void> {
  try {
    await popup.getByRole('button', { name: /^Save to / }).click({ timeout: 15_000 });
    await popup.getByText(/^Saved (“.*” )?to /).waitFor({ timeout: 15_000 });
  } catch (error) {
    const shown = (
      await popup
        .locator('body')
        .innerText()
        .catch(() => '')
    )
      .replace(/\s+/g, ' ')
      .slice(0, 400);
    throw new Error(`Saving from the popup failed (${(error as Error).message.split('\n')[0]}); it showed: ${shown}`);
  }
}

async function tabId(browser: Browser, url: string): Promise<number> {
  return browser.worker.evaluate(async (target: string) => {
    const api = (globalThis as unknown as { chrome: { tabs: { query(q: object): Promise<{ id?: number; url?: string }[]> } } }).chrome;
    return (await api.tabs.query({})).find((t) => t.url === target)?.id ?? -1;
  }, url);
}

export async function benchUi(options: {
  extensionDir: string;
  baseUrl: string;
  reps: number;
  log?: (line: string) => void;
  dbName?: string;
}): Promise<UiFigures> {
  const log = options.log ?? console.log;
  // Its own database (dropped and made anew each run): a second run elsewhere names another.
  const dbName = options.dbName ?? (process.env.READCLUB_BENCH_UI_DB || 'readclub_bench_ui');
  const admin = new pg.Client({ connectionString: options.baseUrl });
  await admin.connect();
  await admin.query(`drop database if exists ${dbName} with (force)`);
  await admin.query(`create database ${dbName}`);
  await admin.end();
  const dbUrl = Object.assign(new URL(options.baseUrl), { pathname: `/${dbName}` }).toString();
  const backend = await startLocalBackend({ port: 0, databaseUrl: dbUrl, seed: false, log: () => undefined });
  const proxy = await startProxy(backend.url);
  const fixtures = await serveFixtures();
  const browser = await launch(options.extensionDir);
  const requests: ActionRequests[] = [];
  const count = async (action: string, act: () => Promise<void>) => {
    await settle(proxy);
    const from = proxy.seen.length;
    await act();
    await settle(proxy);
    requests.push({ action, ...tally(proxy.seen, from) });
  };
  try {
    log('Signing in and seeding a 1,000-item queue and a 200-comment thread…');
    const options_ = await signInMember(browser, backend, UI_SEED_EMAIL, proxy.url);
    const db = new pg.Client({ connectionString: dbUrl });
    await db.connect();
    for (const sql of uiSeedSql()) await db.query(sql);
    await db.end();
    await options_.close();

    const article = `${fixtures.url}/article.html`;
    const page = await browser.context.newPage();
    await page.goto(article);
    const popupPath = `popup.html?tabId=${await tabId(browser, article)}`;

    // First open: nothing cached yet.
    let firstOpenGroupsMs = 0;
    await count('open popup (first time, nothing cached)', async () => {
      const popup = await browser.open(popupPath);
      firstOpenGroupsMs = await mark(popup, 'groups');
      await mark(popup, 'preview');
      await settle(proxy);
      await popup.close();
    });
    // Cached: every answer held back, so what shows came from storage.
    const holdMs = 2000;
    const shellMs: number[] = [];
    const groupsMs: number[] = [];
    const previewMs: number[] = [];
    for (let i = 0; i < options.reps; i++) {
      const hold = i === 0 ? 0 : holdMs; // the first is counted with no hold (the counts are the same)
      const run = async () => {
        proxy.holdMs = hold;
        const popup = await browser.open(popupPath);
        const g = await mark(popup, 'groups');
        const p = await mark(popup, 'preview');
        if (hold) {
          groupsMs.push(g);
          previewMs.push(p);
          shellMs.push(await mark(popup, 'shell'));
        }
        await settle(proxy);
        proxy.holdMs = 0;
        if (i === options.reps - 1) {
          // The clip itself, from this popup.
          await count('clip (Save, tags and comment, queued)', async () => {
            await popup.getByLabel('Tags').fill('bench, speed');
            await save(popup);
          });
        }
        await popup.close();
      };
      if (i === 0) await count('open popup (cached groups)', run);
      else await run();
    }

    // A second clip into the same group (the group remembered from the first): what a clip
    // costs in steady state, when nothing else reacts to the group changing.
    const second = `${fixtures.url}/windows-1252-article.html`;
    const secondPage = await browser.context.newPage();
    await secondPage.goto(second);
    await settle(proxy);
    const popup2 = await browser.open(`popup.html?tabId=${await tabId(browser, second)}`);
    await mark(popup2, 'preview');
    await count('clip again, same group', async () => {
      await save(popup2);
    });
    await popup2.close();

    // Side panel: first open (from the network), then cached with answers held.
    let queueFirstMs = 0;
    let panel!: Page;
    await count('open side panel', async () => {
      panel = await browser.open('sidepanel.html');
      queueFirstMs = await mark(panel, 'queue', 30_000);
    });
    await panel.close();
    const queueCached: number[] = [];
    const shellCached: number[] = [];
    // The first open's Realtime join has settled within utils/background/live.ts's 5 s wait.
    await new Promise((done) => setTimeout(done, 6_000));
    for (let i = 0; i < options.reps; i++) {
      const hold = i === 0 ? 0 : holdMs; // the first is counted with no hold, its times not kept
      const run = async () => {
        proxy.holdMs = hold;
        panel = await browser.open('sidepanel.html');
        const q = await mark(panel, 'queue', 30_000);
        const s = await mark(panel, 'shell');
        if (hold) {
          queueCached.push(q);
          shellCached.push(s);
        }
        await settle(proxy);
        proxy.holdMs = 0;
      };
      // A later open: the group is already watched (or a backend found without Realtime is not tried again; utils/background/live.ts).
      if (i === 0) await count('open side panel again', run);
      else await run();
      if (i < options.reps - 1) await panel.close();
    }
    const queueRendered = await panel.locator('[data-testid=queue-entry]').count();
    const queueLongestTaskMs = await panel.evaluate(() =>
      Math.max(0, ...(window as unknown as { __bench: { longTasks: number[] } }).__bench.longTasks),
    );
    const scroll = await panel.evaluate(async () => {
      const frames: number[] = [];
      let last = performance.now();
      const end = document.documentElement.scrollHeight;
      for (let y = 0; y < end; y += 120) {
        window.scrollTo(0, y);
        await new Promise((done) => requestAnimationFrame(done));
        const now = performance.now();
        frames.push(now - last);
        last = now;
      }
      return frames;
    });
    const frames = summarise(scroll);

    // The 200-comment thread: the first queue entry's discussion, opened reps times (Back to the
    // queue between), the first open's requests counted.
    // In the page: when item_detail's answer arrives (chrome.runtime.sendMessage's callback for
    // the itemDetail message) and, per open, the click event and the first comment in the DOM.
    await panel.evaluate(THREAD_TIMER);
    const inPage: { total: number[]; answer: number[]; draw: number[]; backend: number[] } = {
      total: [],
      answer: [],
      draw: [],
      backend: [],
    };
    const openThread = async (): Promise<number> => {
      await panel.evaluate(() => window.scrollTo(0, 0));
      await panel.evaluate(() => (window as unknown as { __threadArm: () => void }).__threadArm());
      const t = await panel.evaluate(() => performance.now());
      const from = proxy.seen.length;
      await panel.locator('[data-testid=queue-entry]').first().click();
      await panel.locator('[data-testid=comment]').first().waitFor({ timeout: 20_000 });
      const elapsed = (await panel.evaluate(() => performance.now())) - t;
      const at = await panel.evaluate(() => (window as unknown as { __thread: { drawn: Promise<ThreadTimes> } }).__thread.drawn);
      if (at.click && at.answer && at.drawn) {
        inPage.total.push(at.drawn - at.click);
        inPage.answer.push(at.answer - at.click);
        inPage.draw.push(at.drawn - at.answer);
      }
      const backend = proxy.seen.slice(from).find((r) => r.path.endsWith('/rpc/item_detail'))?.ms;
      if (backend !== undefined) inPage.backend.push(backend);
      return elapsed;
    };
    const threadOpens: number[] = [];
    await count('open an item (discussion)', async () => {
      threadOpens.push(await openThread());
    });
    const threadRendered = await panel.locator('[data-testid=comment]').count();
    for (let i = 1; i < options.reps; i++) {
      await settle(proxy);
      await panel.getByRole('button', { name: /Back to queue/ }).click();
      await panel.locator('[data-testid=queue-entry]').first().waitFor({ timeout: 20_000 });
      threadOpens.push(await openThread());
    }
    await count('comment', async () => {
      await panel.getByLabel('Add a comment').fill('A benchmark comment.');
      await panel.getByRole('button', { name: 'Comment', exact: true }).click();
      await panel.getByText('A benchmark comment.').first().waitFor({ timeout: 15_000 });
    });
    return {
      popup: {
        shellMs: summarise(shellMs),
        cachedGroupsMs: summarise(groupsMs),
        cachedPreviewMs: summarise(previewMs),
        firstOpenGroupsMs,
        holdMs,
      },
      sidepanel: {
        queueItems: 1000,
        queueFirstMs,
        queueCachedMs: summarise(queueCached),
        shellCachedMs: summarise(shellCached),
        queueRendered,
        queueLongestTaskMs,
        threadComments: 200,
        threadMs: summarise(threadOpens),
        threadInPage:
          inPage.total.length > 0
            ? {
                totalMs: summarise(inPage.total),
                answerMs: summarise(inPage.answer),
                drawMs: summarise(inPage.draw),
                backendMs: inPage.backend.length > 0 ? summarise(inPage.backend) : undefined,
              }
            : undefined,
        threadRendered,
        scroll: { frames: frames.n, p95FrameMs: frames.p95, maxFrameMs: frames.max, over50ms: scroll.filter((f) => f > 50).length },
      },
      requests,
    };
  } finally {
    await browser.close().catch(() => undefined);
    await fixtures.close();
    await proxy.close();
    await backend.stop();
  }
}
