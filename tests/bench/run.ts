/**
 * The benchmark behind `npm run bench`: the production build's sizes, and the clipper's time
 * against plain Readability's in headless Chromium, on the same pages in the same run.
 * A measurement, not a test: it exits 0 unless something broke, and budgets only mark lines.
 *
 *   npm run bench -- [--no-build] [--reps 5] [--sample 60] [--corpus dir] [--json bench-results.json]
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { cpus, loadavg, platform, release, totalmem } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { measureBuild } from './bundle';
import { devSetPages, readabilityPages } from './pages';
import { BASELINE_PREFIX, BUDGETS, overall, overallTable, pageFigures, pageTable, sizeTable } from './report';
import { launch, timePages } from './timing';

const OUT_DIR = '.output-bench';
const repo = fileURLToPath(new URL('../..', import.meta.url));

function option(args: string[], name: string, fallback: string): string {
  const at = args.indexOf(name);
  if (at < 0) return fallback;
  const value = args[at + 1];
  if (value === undefined || value.startsWith('--')) throw new Error(`${name} needs a value.`);
  return value;
}

function count(args: string[], name: string, fallback: number): number {
  const n = Number(option(args, name, String(fallback)));
  if (!Number.isInteger(n) || n < 0) throw new Error(`${name} needs a whole number.`);
  return n;
}

/** The production Chrome build (no test hosts), in its own folder so it clobbers nobody's. */
function build(): void {
  const env: NodeJS.ProcessEnv = { ...process.env, READCLUB_OUT_DIR: OUT_DIR };
  delete env.READCLUB_TEST_HOSTS;
  console.log(`Building the production extension into ${OUT_DIR}/ …`);
  const result = spawnSync('npx', ['wxt', 'build', '-b', 'chrome'], { cwd: repo, env, encoding: 'utf8' });
  if (result.status !== 0) {
    // WXT's own report, without its stack traces' tail.
    console.error(`${result.stdout}${result.stderr}`.split('\n').slice(0, 40).join('\n'));
    throw new Error(`wxt build failed (exit ${result.status}).`);
  }
}

function gitState(): { commit: string; dirty: boolean } {
  try {
    const commit = execFileSync('git', ['rev-parse', 'HEAD'], { cwd: repo, encoding: 'utf8' }).trim();
    const dirty = execFileSync('git', ['status', '--porcelain'], { cwd: repo, encoding: 'utf8' }).trim() !== '';
    return { commit, dirty };
  } catch {
    return { commit: 'unknown', dirty: true };
  }
}

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  const reps = Math.max(1, count(args, '--reps', 5));
  const sample = count(args, '--sample', 60);
  const corpus = resolve(option(args, '--corpus', join(repo, '../shared/fixtures/extraction-dev-set')));
  const jsonPath = resolve(repo, option(args, '--json', 'bench-results.json'));

  if (!args.includes('--no-build')) build();
  const root = join(repo, OUT_DIR, 'chrome-mv3');
  if (!existsSync(join(root, 'clipper.js'))) throw new Error(`No build at ${root}; run without --no-build.`);
  const sizes = measureBuild(root);
  console.log(`\nSizes of ${OUT_DIR}/chrome-mv3 (gzip at zlib's default level)\n${sizeTable(sizes.entries, sizes.files)}\n`);

  const readabilityJs = createRequire(import.meta.url).resolve('@mozilla/readability/Readability.js');
  const readabilityVersion = (JSON.parse(readFileSync(join(readabilityJs, '../package.json'), 'utf8')) as { version: string }).version;
  const scripts = { clipper: readFileSync(join(root, 'clipper.js'), 'utf8'), readability: readFileSync(readabilityJs, 'utf8') };
  const empty = { name: `${BASELINE_PREFIX}empty`, html: '<!DOCTYPE html><html><head><title>Empty</title></head><body></body></html>' };
  // The empty page last, when the engine is as warm as for the pages it is compared with.
  const pages = [...readabilityPages(join(repo, 'tests/fixtures/readability-test-pages')), ...devSetPages(corpus, sample), empty];
  const fromDevSet = pages.filter((p) => p.name.startsWith('dev-set/')).length;
  const fromReadability = pages.filter((p) => p.name.startsWith('readability/')).length;
  if (fromDevSet === 0 && sample > 0) console.log(`(No extraction dev set at ${corpus}: Readability's test pages only.)`);

  const loadBefore = loadavg();
  const browser = await launch();
  const chromiumVersion = browser.version();
  console.log(`Timing ${pages.length} pages (an empty baseline page, ${fromReadability} Readability test pages, ${fromDevSet} dev-set) in Chromium ${chromiumVersion}, ${reps} runs each after a warm-up…`);
  const started = Date.now();
  let timings;
  try {
    timings = await timePages(browser, pages, scripts, reps, (t, i) => {
      if ((i + 1) % 10 === 0 || i + 1 === pages.length) console.log(`  ${i + 1}/${pages.length} pages`);
      if (t.error) console.log(`  ${t.name}: ${t.error}`);
    });
  } finally {
    await browser.close();
  }
  const perPage = timings.map(pageFigures);
  const summary = overall(perPage);
  console.log(`\nPer page (ms; median and p95 of ${reps} runs)\n${pageTable(perPage)}\n`);
  console.log(`Overall, over the ${summary.timed} pages' medians (ms)\n${overallTable(summary)}`);

  const results = {
    date: new Date().toISOString(),
    git: gitState(),
    machine: {
      cpus: cpus().length,
      cpuModel: cpus()[0]?.model ?? 'unknown',
      memoryGB: Math.round(totalmem() / 2 ** 30),
      os: `${platform()} ${release()}`,
      node: process.version,
      loadAverage: { before: loadBefore, after: loadavg() },
    },
    chromium: chromiumVersion,
    readability: readabilityVersion,
    method: {
      reps,
      warmUp: 1,
      order: 'alternating per run, starting system alternating per page',
      pages: { readabilityTestPages: fromReadability, devSetSample: fromDevSet, corpus },
      clipper: 'built clipper.js evaluated as executeScript does (indirect eval, completion value), main world, page scripts off',
      readability: 'new Readability(document.cloneNode(true)).parse() with Readability.js unbundled',
      seconds: Math.round((Date.now() - started) / 1000),
    },
    budgets: BUDGETS,
    sizes,
    overall: summary,
    pages: perPage,
  };
  writeFileSync(jsonPath, `${JSON.stringify(results, null, 2)}\n`);
  console.log(`\nFigures written to ${jsonPath}`);
}

main().catch((error: unknown) => {
  console.error(`bench failed: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
