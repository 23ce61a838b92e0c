/**
 * Drives the Firefox build (MV2) in Debian's Firefox ESR through puppeteer-core over WebDriver
 * BiDi; never a downloaded browser. Each launch is its own temporary profile with the build
 * installed as a temporary add-on, under an internal id fixed in advance, so the test knows
 * the extension's moz-extension:// address.
 *
 * Firefox's quirks for extension pages (checked on ESR 140 and 153): `page.goto` to a
 * moz-extension:// address loads the page but never settles, and `waitForFunction` and
 * Puppeteer's console events do not work there. So pages are opened without awaiting the
 * navigation, waited for by polling `evaluate`, driven through the DOM by label and button
 * text, and the extension's errors are read from Firefox's own output
 * (`JavaScript error: moz-extension://…` lines).
 */
import { randomUUID } from 'node:crypto';
import { resolve } from 'node:path';
import puppeteer, { type Browser, type Page } from 'puppeteer-core';

/** The Firefox build; READCLUB_OUT_DIR moves it, as it moves WXT's outDir (wxt.config.ts). */
export const FIREFOX_EXTENSION_DIR = resolve(process.env.READCLUB_OUT_DIR ?? '.output', 'firefox-mv2');
/** The add-on id in the Firefox manifest (wxt.config.ts, browser_specific_settings). */
const ADDON_ID = 'readclub@readclub.app';

/**
 * Lines of Firefox's output that come from its remote agent or its own services, not from
 * the extension: they appear with any add-on, or none.
 */
const NOISE = [/context is null/, /JSWindowActorChild cannot send/, /BackupService/, /remote-settings|RemoteSettings/];

export interface Firefox {
  browser: Browser;
  /** moz-extension://<uuid> of the installed build. */
  origin: string;
  /** Opens an extension page (options.html, popup.html?tabId=N, sidepanel.html) in a new tab, loaded. */
  open(path: string): Promise<Page>;
  /** Opens a web page in a new tab and waits for it to load. */
  visit(url: string): Promise<Page>;
  /** The id the extension knows the tab showing `url` by (for popup.html?tabId=N). */
  tabIdOf(url: string): Promise<number>;
  /** Everything Firefox printed so far (stdout and stderr), line by line. */
  output(): string[];
  /**
   * The extension's JavaScript errors Firefox printed so far, known noise left out, and its
   * scripts Firefox stopped for running too long ("Script terminated by timeout").
   */
  extensionErrors(): string[];
  /** Closes the browser (its output stays readable). */
  close(): Promise<void>;
}

export async function launchFirefox(): Promise<Firefox> {
  const uuid = randomUUID();
  const browser = await puppeteer.launch({
    browser: 'firefox',
    executablePath: process.env.FIREFOX_PATH ?? '/usr/bin/firefox-esr',
    headless: true,
    // Firefox 141+ lets WebDriver BiDi navigate to moz-extension:// pages only with system access.
    args: ['-remote-allow-system-access', '-width', '1200', '-height', '900'],
    extraPrefsFirefox: {
      'extensions.webextensions.uuids': JSON.stringify({ [ADDON_ID]: uuid }),
      // console.* of extension pages and the background goes to Firefox's output.
      'devtools.console.stdout.content': true,
    },
  });
  const lines: string[] = [];
  const child = browser.process();
  for (const stream of [child?.stdout, child?.stderr]) {
    let rest = '';
    stream?.on('data', (chunk: Buffer) => {
      const text = rest + chunk.toString('utf8');
      const parts = text.split('\n');
      rest = parts.pop() ?? '';
      lines.push(...parts);
    });
  }
  await browser.installExtension(FIREFOX_EXTENSION_DIR);
  const origin = `moz-extension://${uuid}`;

  const firefox: Firefox = {
    browser,
    origin,
    async open(path) {
      const page = await browser.newPage();
      // Never settles for moz-extension:// pages: start it, then poll for the loaded document.
      void page.goto(`${origin}/${path}`).catch(() => undefined);
      await until(`${path} to load`, () =>
        page.evaluate(() => location.protocol === 'moz-extension:' && document.readyState === 'complete').catch(() => false),
      );
      return page;
    },
    async visit(url) {
      const page = await browser.newPage();
      await page.goto(url, { waitUntil: 'load' });
      return page;
    },
    async tabIdOf(url) {
      const page = await firefox.open('options.html');
      try {
        const id = await page.evaluate(async (target: string) => {
          const api = (globalThis as unknown as { browser: { tabs: { query(q: object): Promise<{ id?: number; url?: string }[]> } } })
            .browser;
          return (await api.tabs.query({})).find((tab) => tab.url === target)?.id ?? null;
        }, url);
        if (id === null) throw new Error(`No tab shows ${url}`);
        return id;
      } finally {
        await page.close();
      }
    },
    output: () => [...lines],
    extensionErrors: () =>
      lines.flatMap((line, i) => {
        const stopped = /moz-extension:\/\/.*Script terminated by timeout/.test(line);
        const error = /JavaScript error: moz-extension:\/\//.test(line) || stopped;
        if (!error || NOISE.some((n) => n.test(line))) return [];
        // A stack follows some messages, a frame a line (name@address:line:column).
        const stack = [];
        for (let j = i + 1; j < lines.length && /^\S*@\S+:\d+:\d+$/.test(lines[j]!) && stack.length < 5; j++) stack.push(lines[j]!);
        // At browser close Firefox stops whatever an open extension tab is running (a storage read
        // for a refresh on hiding, say); only the background's own scripts must never be stopped.
        if (stopped && !/\/background\.js:/.test([line, ...stack].join('\n'))) return [];
        return [[line, ...stack].join('\n  ')];
      }),
    async close() {
      await browser.close();
    },
  };
  return firefox;
}

/** Polls `check` until it returns something truthy; that value. */
export async function until<T>(what: string, check: () => Promise<T> | T, timeout = 15_000): Promise<NonNullable<T>> {
  const end = Date.now() + timeout;
  let last: unknown;
  for (;;) {
    try {
      const value = await check();
      if (value) return value as NonNullable<T>;
    } catch (error) {
      last = error;
    }
    if (Date.now() > end) throw new Error(`Timed out waiting for ${what}${last ? ` (${String(last)})` : ''}`);
    await new Promise((done) => setTimeout(done, 150));
  }
}

// ---------- The page, by what a person reads on it ----------
// These run inside the page: find a control by its label's text or a button by its name
// (text or aria-label), as a person would, and fail with what was there instead.

/** Text of the whole page (or of the elements matching `selector`, joined by newlines). */
export function textOf(page: Page, selector = 'body'): Promise<string> {
  return page.evaluate(
    (sel: string) => [...document.querySelectorAll<HTMLElement>(sel)].map((el) => el.innerText ?? el.textContent ?? '').join('\n'),
    selector,
  );
}

/** Waits for `text` (a string or a regular expression source) on the page, within `selector`. */
export async function waitForText(page: Page, text: string | RegExp, selector = 'body', timeout = 15_000): Promise<void> {
  const test = (body: string) => (typeof text === 'string' ? body.includes(text) : text.test(body));
  let body = '';
  try {
    await until(
      `"${String(text)}"`,
      async () => {
        body = await textOf(page, selector);
        return test(body);
      },
      timeout,
    );
  } catch {
    throw new Error(`The page never showed ${String(text)}; it shows:\n${body.slice(0, 2000)}`);
  }
}

/** Types `value` into the control labelled `label` (the last one, if several), as input events. */
export async function fill(page: Page, label: string, value: string): Promise<void> {
  await until(`a field labelled "${label}"`, () =>
    page.evaluate(
      (name: string, text: string) => {
        const labels = [...document.querySelectorAll('label')].filter((l) => l.textContent?.trim() === name);
        const control = (labels.at(-1)?.control ??
          [...document.querySelectorAll(`[aria-label]`)].filter((el) => el.getAttribute('aria-label') === name).at(-1)) as
          HTMLInputElement | HTMLTextAreaElement | undefined;
        if (!control) return false;
        const proto = control instanceof HTMLTextAreaElement ? HTMLTextAreaElement.prototype : HTMLInputElement.prototype;
        Object.getOwnPropertyDescriptor(proto, 'value')!.set!.call(control, text);
        control.dispatchEvent(new Event('input', { bubbles: true }));
        control.dispatchEvent(new Event('change', { bubbles: true }));
        return true;
      },
      label,
      value,
    ),
  );
}

/**
 * Clicks the enabled button whose name (text or aria-label) is `name`, or matches it when a
 * RegExp; within the first element matching `within` if given. A real (trusted) click.
 */
export async function click(page: Page, name: string | RegExp, within?: string): Promise<void> {
  const pattern = typeof name === 'string' ? { source: `^${name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}$`, flags: '' } : name;
  const marker = `readclub-click-${randomUUID()}`;
  await until(`a button "${String(name)}"`, () =>
    page.evaluate(
      (source: string, flags: string, scope: string | null, mark: string) => {
        const re = new RegExp(source, flags);
        const root = scope ? document.querySelector(scope) : document;
        const button = [...(root?.querySelectorAll<HTMLButtonElement>('button, [role="tab"]') ?? [])].find(
          (b) => !b.disabled && (re.test(b.getAttribute('aria-label') ?? '') || re.test((b.textContent ?? '').trim())),
        );
        if (!button) return false;
        button.setAttribute('data-readclub-click', mark);
        return true;
      },
      pattern.source,
      pattern.flags,
      within ?? null,
      marker,
    ),
  );
  await page.click(`[data-readclub-click="${marker}"]`);
  await page.evaluate(
    (mark: string) => document.querySelector(`[data-readclub-click="${mark}"]`)?.removeAttribute('data-readclub-click'),
    marker,
  );
}

/** Reloads an extension page (Puppeteer's reload never settles there) and waits for it. */
export async function reload(page: Page): Promise<void> {
  await page.evaluate(() => {
    (window as unknown as { readclubOld?: boolean }).readclubOld = true;
    location.reload();
  });
  await until('the page to reload', () =>
    page
      .evaluate(() => !(window as unknown as { readclubOld?: boolean }).readclubOld && document.readyState === 'complete')
      .catch(() => false),
  );
}
