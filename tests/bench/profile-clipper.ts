/**
 * Where the clipper's time goes: clipPage bundled unminified (esbuild), run in an isolated
 * world of each page in headless Chromium (page scripts off) under the CPU profiler, self time
 * summed by source module and by function. A tool for extraction work, not part of `npm run bench`.
 *
 *   npx tsx tests/bench/profile-clipper.ts [dev-set pages, default 30]
 */
import { build } from 'esbuild';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { chromium } from 'playwright-core';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { devSetPages, readabilityPages } from './pages';
import { sharedFixturePath } from '../eval/shared-fixtures';

const repo = fileURLToPath(new URL('../..', import.meta.url));
const r = await build({
  stdin: {
    contents:
      "import { clipPage } from '@/utils/clipper/extract'; import { selectionFragment } from '@/utils/clipper/selection-clip'; (globalThis as any).__clip = () => clipPage(document, location.href, selectionFragment(document));",
    resolveDir: repo,
    loader: 'ts',
  },
  bundle: true,
  write: false,
  format: 'iife',
  alias: { '@': repo.replace(/\/$/, '') },
  keepNames: false,
  logLevel: 'error',
});
const code = r.outputFiles[0]!.text;
const lines = code.split('\n');
const moduleAt: string[] = [];
let current = '?';
for (const line of lines) {
  const m = /^\s*\/\/ (node_modules\/\S+|utils\/\S+)$/.exec(line);
  if (m) current = m[1]!.replace(/^node_modules\//, '');
  moduleAt.push(current);
}
const pages = [
  ...readabilityPages(join(repo, 'tests/fixtures/readability-test-pages')),
  ...devSetPages(sharedFixturePath('extraction-dev-set', 'cases.json'), Number(process.argv[2] ?? 30)),
];
const byPath = new Map(pages.map((p) => [`/${p.name}.html`, p.html]));
const server = createServer((q, s) => {
  const h = byPath.get((q.url ?? '').split('?')[0]!);
  if (h === undefined) return void s.writeHead(404).end();
  s.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(h);
});
await new Promise<void>((d) => server.listen(0, '127.0.0.1', d));
const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
  args: ['--no-sandbox', '--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1'],
});
const context = await browser.newContext({ javaScriptEnabled: false, bypassCSP: true });
const self = new Map<string, number>();
const fnSelf = new Map<string, number>();
/** Inclusive time per function (its callees counted, each stack counted once per function). */
const fnTotal = new Map<string, number>();
for (const p of pages) {
  const page = await context.newPage();
  await page.goto(`${base}/${p.name}.html`, { waitUntil: 'load' }).catch(() => null);
  const cdp = await context.newCDPSession(page);
  const { frameTree } = await cdp.send('Page.getFrameTree');
  const { executionContextId } = await cdp.send('Page.createIsolatedWorld', { frameId: frameTree.frame.id, worldName: 'prof' });
  await cdp.send('Runtime.evaluate', { expression: code, contextId: executionContextId });
  await cdp.send('Runtime.evaluate', { expression: '__clip(); 0', contextId: executionContextId });
  await cdp.send('Profiler.enable');
  await cdp.send('Profiler.setSamplingInterval', { interval: 100 });
  await cdp.send('Profiler.start');
  for (let i = 0; i < 3; i++) await cdp.send('Runtime.evaluate', { expression: '__clip(); 0', contextId: executionContextId });
  const { profile } = await cdp.send('Profiler.stop');
  const dt = new Map<number, number>();
  for (let i = 0; i < profile.samples!.length; i++)
    dt.set(profile.samples![i]!, (dt.get(profile.samples![i]!) ?? 0) + profile.timeDeltas![i]! / 1000);
  for (const n of profile.nodes) {
    const t = dt.get(n.id) ?? 0;
    if (!t) continue;
    const cf = n.callFrame;
    const mod =
      cf.url === '' && cf.lineNumber >= 0 && cf.scriptId
        ? (moduleAt[cf.lineNumber] ?? '?')
        : `(native/other: ${cf.functionName || cf.url || '?'})`;
    self.set(mod, (self.get(mod) ?? 0) + t);
    const key = `${mod} ${cf.functionName}`;
    fnSelf.set(key, (fnSelf.get(key) ?? 0) + t);
  }
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const parent = new Map<number, number>();
  for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  for (const [id, t] of dt) {
    const names = new Set<string>();
    for (let at: number | undefined = id; at !== undefined; at = parent.get(at)) {
      const cf = byId.get(at)!.callFrame;
      if (cf.functionName)
        names.add(cf.url === '' && cf.scriptId ? `${moduleAt[cf.lineNumber] ?? '?'} ${cf.functionName}` : cf.functionName);
    }
    for (const name of names) fnTotal.set(name, (fnTotal.get(name) ?? 0) + t);
  }
  await page.close();
}
const total = [...self.values()].reduce((a, b) => a + b, 0);
console.log(`Self time by module, ms (3 runs of each of ${pages.length} pages; total ${total.toFixed(0)})`);
for (const [k, v] of [...self].sort((a, b) => b[1] - a[1]).slice(0, 22))
  console.log(v.toFixed(0).padStart(7), ((100 * v) / total).toFixed(1).padStart(5) + '%', k);
console.log('\nTop functions');
for (const [k, v] of [...fnSelf].sort((a, b) => b[1] - a[1]).slice(0, 25)) console.log(v.toFixed(0).padStart(7), k);
console.log('\nInclusive time (with callees)');
for (const [k, v] of [...fnTotal].sort((a, b) => b[1] - a[1]).slice(0, 45)) console.log(v.toFixed(0).padStart(7), k);
await browser.close();
server.close();
