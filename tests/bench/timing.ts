/**
 * Times the built clipper against plain Readability in headless Chromium: all on the same
 * page load, alternating which goes first, a warm-up of each before the timed runs.
 * Pages come from a local server; nothing leaves the machine and page scripts do not run.
 * All run in an isolated world, as executeScript runs the clipper. Two comparisons, like for like:
 * - per click: each script evaluated and run, as executeScript injects a file on each click
 *   (the built clipper.js; Readability.js bundled and minified by the same Vite build);
 * - extraction only: the same code already evaluated, only the call timed.
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
  /** Timed runs per click (script evaluated and run), warm-up excluded. Empty when the page failed to load or a run hung. */
  clipper: number[];
  readability: number[];
  /** Timed runs of extraction only (script evaluated before); absent in old results. */
  clipperRun?: number[];
  readabilityRun?: number[];
  /** The warm-up runs' outcome, which is what the timed runs repeat. */
  clipperResult: Outcome | null;
  readabilityResult: Outcome | null;
  /** Load failure, hang, or the page changing under the runs. */
  error: string;
}
export interface Scripts {
  /** The built clipper.js, run as executeScript runs a file: its completion value is the TabClip. */
  clipper: string;
  /** Readability per click: bundled and minified like the clipper; leaves the article in globalThis.__readclubArticle. */
  readability: string;
  /** Evaluated once per page: defines __readclubClip() (clipPage as clipper.js calls it) and __readclubReadability(). */
  library: string;
}

const RUN_TIMEOUT_MS = 60_000;
const LOAD_TIMEOUT_MS = 30_000;

type System = 'clipper' | 'readability' | 'clipperRun' | 'readabilityRun';
const SYSTEMS: readonly System[] = ['clipper', 'readability', 'clipperRun', 'readabilityRun'];

/**
 * Runs in the page: its source is sent, so it uses nothing from this module (and no named
 * inner functions, which tsx would wrap in a helper the page lacks). gc() first (--expose-gc)
 * so one system's garbage is not collected in the other's time.
 */
async function runInPage(system: System): Promise<Outcome> {
  const g = globalThis as unknown as {
    __readclubBench: { clipper: string; readability: string };
    __readclubArticle?: unknown;
    __readclubClip(): unknown;
    __readclubReadability(): unknown;
    gc?: () => void;
  };
  g.gc?.();
  g.__readclubArticle = undefined;
  const start = performance.now();
  try {
    if (system === 'readability' || system === 'readabilityRun') {
      let article: unknown;
      if (system === 'readabilityRun') article = g.__readclubReadability();
      else {
        (0, eval)(g.__readclubBench.readability);
        article = g.__readclubArticle;
      }
      return { ms: performance.now() - start, ok: !!article, note: article ? '' : 'no article' };
    }
    // Indirect eval: global scope, completion value returned, as executeScript does with a file.
    let result = system === 'clipperRun' ? g.__readclubClip() : ((0, eval)(g.__readclubBench.clipper) as unknown);
    if (result instanceof Promise) result = await result;
    const ms = performance.now() - start;
    const clip = result as { ok?: boolean; error?: { kind?: string; message?: string; reason?: string } } | null;
    if (clip?.ok === true) return { ms, ok: true, note: '' };
    return {
      ms,
      ok: false,
      note: clip?.error ? `${clip.error.kind}: ${clip.error.reason ?? clip.error.message ?? ''}` : 'no TabClip returned',
    };
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
    const reply = await cdp.send('Runtime.evaluate', {
      expression,
      contextId: executionContextId,
      returnByValue: true,
      awaitPromise: true,
    });
    if (reply.exceptionDetails) throw new Error(reply.exceptionDetails.exception?.description ?? reply.exceptionDetails.text);
    return reply.result.value;
  };
}

async function timePage(page: Page, url: string, scripts: Scripts, reps: number, clipperFirst: boolean, timing: PageTiming): Promise<void> {
  await page.goto(url, { waitUntil: 'load', timeout: LOAD_TIMEOUT_MS });
  const evaluate = await isolatedWorld(page);
  await evaluate(`globalThis.__readclubBench = ${JSON.stringify({ clipper: scripts.clipper, readability: scripts.readability })}; 0`);
  await evaluate(`${scripts.library}\n;0`);
  const size = () => evaluate('document.documentElement.outerHTML.length');
  const before = await size();
  const run = (system: System) =>
    withTimeout(evaluate(`(${runInPage.toString()})(${JSON.stringify(system)})`) as Promise<Outcome>, RUN_TIMEOUT_MS, system);
  timing.clipperResult = await run('clipper');
  timing.readabilityResult = await run('readability');
  await run('clipperRun');
  await run('readabilityRun');
  const runs: Record<System, number[]> = { clipper: timing.clipper, readability: timing.readability, clipperRun: [], readabilityRun: [] };
  timing.clipperRun = runs.clipperRun;
  timing.readabilityRun = runs.readabilityRun;
  for (let i = 0; i < reps; i++) {
    const order = (i % 2 === 0) === clipperFirst ? SYSTEMS : [...SYSTEMS].reverse();
    for (const system of order) runs[system].push((await run(system)).ms);
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
      const timing: PageTiming = {
        name: bench.name,
        clipper: [],
        readability: [],
        clipperRun: [],
        readabilityRun: [],
        clipperResult: null,
        readabilityResult: null,
        error: '',
      };
      const page = await context.newPage();
      try {
        await timePage(page, `${server.base}/${bench.name}.html`, scripts, reps, index % 2 === 0, timing);
      } catch (error) {
        timing.error = String(error instanceof Error ? error.message : error).split('\n')[0]!;
        timing.clipper = [];
        timing.readability = [];
        timing.clipperRun = [];
        timing.readabilityRun = [];
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
