/**
 * Drives the production build in real Chromium (Debian's /usr/bin/chromium, through
 * playwright-core; never a downloaded browser). Each member gets their own profile.
 */
import { mkdtempSync, rmSync, readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { AddressInfo } from 'node:net';
import { chromium, type BrowserContext, type Page, type Worker } from 'playwright-core';
import { fetchSignInCode } from '../../supabase/local/index';

/** The built extension; READCLUB_OUT_DIR moves it, as it moves WXT's outDir (wxt.config.ts). */
export const EXTENSION_DIR = resolve(process.env.READCLUB_OUT_DIR ?? '.output', 'chrome-mv3');
const FIXTURES_DIR = resolve('tests/fixtures');

export interface Browser {
  context: BrowserContext;
  extensionId: string;
  worker: Worker;
  /** Opens an extension page (popup.html, sidepanel.html, options.html) as a tab. */
  open(page: string): Promise<Page>;
  /** Closes the browser; keepProfile leaves its profile for a relaunch (a browser restart). */
  close(options?: { keepProfile?: boolean }): Promise<void>;
  /** The profile directory, to launch again on (launchBrowser sets it). */
  profile?: string;
}

export interface LaunchOptions {
  /** Reuse this profile (a browser restart) instead of a fresh one. */
  profile?: string;
}

export async function launchBrowser(options: LaunchOptions = {}): Promise<Browser> {
  const profile = options.profile ?? mkdtempSync(join(tmpdir(), 'readclub-e2e-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    headless: false, // --headless=new below: the new headless mode loads extensions
    args: [
      '--headless=new',
      `--disable-extensions-except=${EXTENSION_DIR}`,
      `--load-extension=${EXTENSION_DIR}`,
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
    ],
  });
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
    async close({ keepProfile = false } = {}) {
      await context.close();
      if (!keepProfile) rmSync(profile, { recursive: true, force: true });
    },
  };
}

/**
 * Stops the extension's service worker, as Chrome does to an idle one (DevTools protocol,
 * ServiceWorker.stopAllWorkers through an extension page). The same Playwright Worker
 * evaluates in the next one once something (a message, an alarm) starts it again.
 */
export async function stopWorker(browser: Browser, on?: Page): Promise<void> {
  // Through a page already open, or a blank tab (opening an extension page would itself
  // wake the worker; opening and closing a tab may too, through tab listeners).
  const page = on ?? (await browser.context.newPage());
  try {
    const cdp = await browser.context.newCDPSession(page);
    await cdp.send('ServiceWorker.enable');
    await cdp.send('ServiceWorker.stopAllWorkers');
    await cdp.detach();
  } finally {
    if (!on) await page.close();
  }
}

/** The id of the tab showing url, so the popup (itself opened as a tab) clips the right one. */
export async function tabIdOf(browser: Browser, url: string): Promise<number> {
  const id = await browser.worker.evaluate(async (target: string) => {
    // Runs in the service worker, where chrome.* exists.
    const api = (globalThis as unknown as { chrome: { tabs: { query(q: object): Promise<{ id?: number; url?: string }[]> } } }).chrome;
    const tabs = await api.tabs.query({});
    return tabs.find((tab) => tab.url === target)?.id ?? null;
  }, url);
  if (id === null) throw new Error(`No tab shows ${url}`);
  return id;
}

/** Serves tests/fixtures on localhost, as a web page would be. */
export async function serveFixtures(): Promise<{ url: string; close(): Promise<void> }> {
  const server: Server = createServer((request, response) => {
    const name = (request.url ?? '/').split('?')[0]!.replace(/^\/+/, '');
    try {
      if (name.includes('..')) throw new Error('no');
      const body = readFileSync(join(FIXTURES_DIR, name));
      response.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
      response.end(body);
    } catch {
      response.writeHead(404).end('not found');
    }
  });
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://localhost:${port}`,
    close: () => new Promise((done) => server.close(() => done())),
  };
}

/** The newest sign-in code the local backend "emailed" to `email`, or '' (its mail catcher). */
export async function signInCode(backend: { url: string; localSecret: string }, email: string): Promise<string> {
  return (await fetchSignInCode(backend, email)) ?? '';
}

/**
 * Options page: point the build at `backend` (or at `via`, a proxy in front of it) with its
 * publishable key, then sign in as `email` with a fresh code.
 */
export async function signInMember(
  browser: Browser,
  backend: { url: string; publishableKey: string; localSecret: string },
  email: string,
  via: string = backend.url,
): Promise<Page> {
  const options = await browser.open('options.html');
  await options.getByLabel('Backend URL').fill(via);
  await options.getByLabel('Public key').fill(backend.publishableKey);
  await options.getByRole('button', { name: 'Save backend' }).click();
  await options.getByLabel('Email').fill(email);
  const before = await signInCode(backend, email);
  await options.getByRole('button', { name: 'Send code' }).click();
  let code = before;
  for (let i = 0; i < 150 && code === before; i++) {
    await new Promise((done) => setTimeout(done, 100));
    code = await signInCode(backend, email);
  }
  if (code === before) throw new Error(`No new sign-in code for ${email}`);
  await options.getByLabel('Sign-in code').fill(code);
  await options.getByRole('button', { name: 'Sign in' }).click();
  await options.getByText(email).first().waitFor();
  return options;
}
