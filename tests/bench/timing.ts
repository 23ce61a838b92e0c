/**
 * Times the built clipper against plain Readability in headless Chromium: both on the same
 * page load, alternating which goes first, a warm-up of each before the timed runs.
 * Pages come from a local server; nothing leaves the machine and page scripts do not run.
 * Both run in an isolated world, as executeScript runs the clipper.
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { chromium, type Browser, type Page } from 'playwright-core';
import type { BenchPage } from './pages';

export interface Outcome {
  ms: number;
  /** The clipper returned `ok: true`; Readability returned an article. */
  ok: boolean;
  /** Why not, when not ok. */
  note: string;
}
export interface PageTiming {
  name: string;
  /** Timed runs, warm-up excluded. Empty when the page failed to load or a run hung. */
  clipper: number[];
  readability: number[];
  /** The warm-up runs' outcome, which is what the timed runs repeat. */
  clipperResult: Outcome | null;
  readabilityResult: Outcome | null;
  /** Load failure, hang, or the page changing under the runs. */
  error: string;
}
export interface Scripts {
  /** The built clipper.js, run as executeScript runs a file: its completion value is the TabClip. */
  clipper: string;
  /** @mozilla/readability's Readability.js, unbundled (it is a plain script). */
  readability: string;
}

const RUN_TIMEOUT_MS = 60_000;
const LOAD_TIMEOUT_MS = 30_000;

type System = 'clipper' | 'readability';

/**
 * Runs in the page: its source is sent, so it uses nothing from this module (and no named
 * inner functions, which tsx would wrap in a helper the page lacks). gc() first (--expose-gc)
 * so one system's garbage is not collected in the other's time.
 */
async function runInPage(system: System): Promise<Outcome> {
  const bench = (window as unknown as { __readclubBench: { clipper: string; Readability: new (doc: Node) => { parse(): unknown } } }).__readclubBench;
  (window as unknown as { gc?: () => void }).gc?.();
  const start = performance.now();
  try {
    if (system === 'readability') {
      const article = new bench.Readability(document.cloneNode(true)).parse();
      return { ms: performance.now() - start, ok: article !== null, note: article === null ? 'no article' : '' };
    }
    // Indirect eval: global scope, completion value returned, as executeScript does with a file.
    let result = (0, eval)(bench.clipper) as unknown;
    if (result instanceof Promise) result = await result;
    const ms = performance.now() - start;
    const clip = result as { ok?: boolean; error?: { kind?: string; message?: string } } | null;
    if (clip?.ok === true) return { ms, ok: true, note: '' };
    return { ms, ok: false, note: clip?.error ? `${clip.error.kind}: ${clip.error.message ?? ''}` : 'no TabClip returned' };
  } catch (error) {
    return { ms: performance.now() - start, ok: false, note: `threw: ${String(error)}` };
  }
}

function withTimeout<T>(work: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what} took over ${ms / 1000} s`)), ms);
  });
  return Promise.race([work, timeout]).finally(() => clearTimeout(timer));
}

/**
 * Evaluates script in an isolated world of the page, as executeScript runs an extension's
 * file (content scripts never share the page's globals, and run when the page's own scripts may not).
 */
async function isolatedWorld(page: Page): Promise<(expression: string) => Promise<unknown>> {
  const cdp = await page.context().newCDPSession(page);
  const { frameTree } = await cdp.send('Page.getFrameTree');
  const { executionContextId } = await cdp.send('Page.createIsolatedWorld', { frameId: frameTree.frame.id, worldName: 'readclub-bench' });
  return async (expression) => {
    const reply = await cdp.send('Runtime.evaluate', { expression, contextId: executionContextId, returnByValue: true, awaitPromise: true });
    if (reply.exceptionDetails) throw new Error(reply.exceptionDetails.exception?.description ?? reply.exceptionDetails.text);
    return reply.result.value;
  };
}

async function timePage(page: Page, url: string, scripts: Scripts, reps: number, clipperFirst: boolean, timing: PageTiming): Promise<void> {
  await page.goto(url, { waitUntil: 'load', timeout: LOAD_TIMEOUT_MS });
  const evaluate = await isolatedWorld(page);
  await evaluate(
    `globalThis.__readclubBench = { clipper: ${JSON.stringify(scripts.clipper)}, Readability: (function () {\n${scripts.readability}\n;return Readability;})() }; 0`,
  );
  const size = () => evaluate('document.documentElement.outerHTML.length');
  const before = await size();
  const run = (system: System) => withTimeout(evaluate(`(${runInPage.toString()})(${JSON.stringify(system)})`) as Promise<Outcome>, RUN_TIMEOUT_MS, system);
  timing.clipperResult = await run('clipper');
  timing.readabilityResult = await run('readability');
  for (let i = 0; i < reps; i++) {
    const order: System[] = (i % 2 === 0) === clipperFirst ? ['clipper', 'readability'] : ['readability', 'clipper'];
    for (const system of order) timing[system].push((await run(system)).ms);
  }
  // Both read a copy; if the page changed, later runs timed a different page.
  if ((await size()) !== before) timing.error = 'the page changed during the runs';
}

/** Serves each page's HTML as UTF-8 at /<name>.html. */
async function servePages(pages: readonly BenchPage[]): Promise<{ base: string; close(): Promise<void> }> {
  const byPath = new Map(pages.map((p) => [`/${p.name}.html`, p.html]));
  const server = createServer((request, response) => {
    const html = byPath.get((request.url ?? '').split('?')[0]!);
    if (html === undefined) return void response.writeHead(404).end();
    response.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(html);
  });
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  return {
    base: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    close: () => new Promise((done) => server.close(() => done())),
  };
}

export async function launch(): Promise<Browser> {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-extensions',
      '--js-flags=--expose-gc',
      // Every host but the local server fails to resolve: saved pages' images, fonts and ads stay away.
      '--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1',
    ],
  });
}

export async function timePages(
  browser: Browser,
  pages: readonly BenchPage[],
  scripts: Scripts,
  reps: number,
  onPage: (timing: PageTiming, index: number) => void,
): Promise<PageTiming[]> {
  const server = await servePages(pages);
  // Page scripts off: the same DOM on every run and machine. bypassCSP: a page's CSP never blocks the bench's eval.
  const context = await browser.newContext({ javaScriptEnabled: false, bypassCSP: true });
  const timings: PageTiming[] = [];
  try {
    for (const [index, bench] of pages.entries()) {
      const timing: PageTiming = { name: bench.name, clipper: [], readability: [], clipperResult: null, readabilityResult: null, error: '' };
      const page = await context.newPage();
      try {
        await timePage(page, `${server.base}/${bench.name}.html`, scripts, reps, index % 2 === 0, timing);
      } catch (error) {
        timing.error = String(error instanceof Error ? error.message : error).split('\n')[0]!;
        timing.clipper = [];
        timing.readability = [];
      } finally {
        await page.close({ runBeforeUnload: false }).catch(() => undefined);
      }
      timings.push(timing);
      onPage(timing, index);
    }
  } finally {
    await context.close();
    await server.close();
  }
  return timings;
}
