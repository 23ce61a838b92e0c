/**
 * The benchmark behind `npm run bench`: the production build's sizes and zip, the
 * clipper's time against plain Readability's in headless Chromium on the same pages in the same
 * run, the popup and side panel in Chromium against the local backend (cached UI, big queue and
 * thread, requests per action), and the RPCs on a 1,000,000-item database, member vs RLS bypassed.
 * A measurement, not a test: it exits 0 unless something broke, and budgets only mark lines.
 *
 *   npm run bench -- [--no-build] [--skip clip,ui,db] [--reps 5] [--sample 60] [--corpus dir]
 *                    [--ui-reps 5] [--db-scale 1] [--db-reps 30] [--db-reseed] [--json bench-results.json]
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { cpus, loadavg, platform, release, totalmem } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { measureBuild, measureZip } from './bundle';
import { benchDatabase, type DbFigures } from './db-bench';
import { APP_BUDGETS, dbTable, requestTable, uiTable } from './report-app';
import { benchUi, type UiFigures } from './ui-bench';
import { devSetPages, readabilityPages } from './pages';
import { sharedFixturePath } from '../eval/shared-fixtures';
import { BASELINE_PREFIX, BUDGETS, overall, overallTable, pageFigures, pageTable, sizeTable } from './report';
import { launch, timePages } from './timing';
import { benchScripts } from './bench-scripts';

const OUT_DIR = process.env.READCLUB_BENCH_OUT_DIR ?? '.output-bench';
/** The same build with the test hosts (localhost pages may be clipped without a toolbar click). */
const UI_OUT_DIR = '.output-bench-ui';
const BASE_URL = process.env.TEST_DATABASE_URL ?? 'postgresql://postgres:postgres@127.0.0.1:5432/postgres';
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

/**
 * The production Chrome build and its zip (no test hosts), in its own folder so it clobbers
 * nobody's; with testHosts, the build the page benchmark drives.
 */
function build(outDir: string, testHosts = false): void {
  const env: NodeJS.ProcessEnv = { ...process.env, READCLUB_OUT_DIR: outDir };
  delete env.READCLUB_TEST_HOSTS;
  if (testHosts) env.READCLUB_TEST_HOSTS = '1';
  console.log(`Building the ${testHosts ? 'test-host' : 'production'} extension into ${outDir}/ …`);
  const result = spawnSync('npx', ['wxt', testHosts ? 'build' : 'zip', '-b', 'chrome'], { cwd: repo, env, encoding: 'utf8' });
  if (result.status !== 0) {
    // WXT's own report: its last lines, where the error is (the first are progress spinners).
    console.error(
      `${result.stdout}${result.stderr}`
        .split('\n')
        .filter((line) => line.trim() && !/WARN|Duplicated imports/.test(line))
        .slice(-30)
        .join('\n'),
    );
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
  const corpus = resolve(option(args, '--corpus', sharedFixturePath('extraction-dev-set', 'cases.json')));
  const jsonPath = resolve(repo, option(args, '--json', 'bench-results.json'));
  const skip = new Set(option(args, '--skip', '').split(',').filter(Boolean));
  const dbScale = Number(option(args, '--db-scale', '1'));
  const dbReps = Math.max(1, count(args, '--db-reps', 30));
  const uiReps = Math.max(2, count(args, '--ui-reps', 5));

  if (!args.includes('--no-build')) {
    build(OUT_DIR);
    if (!skip.has('ui')) build(UI_OUT_DIR, true);
  }
  const root = join(repo, OUT_DIR, 'chrome-mv3');
  if (!existsSync(join(root, 'clipper.js'))) throw new Error(`No build at ${root}; run without --no-build.`);
  const sizes = { ...measureBuild(root), zip: measureZip(join(repo, OUT_DIR)) };
  console.log(`\nSizes of ${OUT_DIR}/chrome-mv3 (gzip at zlib's default level)\n${sizeTable(sizes.entries, sizes.files)}`);
  console.log(
    sizes.zip
      ? `zipped extension (${sizes.zip.file}): ${(sizes.zip.bytes / 1024).toFixed(1)} KB\n`
      : 'zipped extension: no zip (run without --no-build)\n',
  );

  let ui: UiFigures | null = null;
  if (!skip.has('ui')) {
    const uiDir = join(repo, UI_OUT_DIR, 'chrome-mv3');
    if (!existsSync(join(uiDir, 'manifest.json'))) throw new Error(`No build at ${uiDir}; run without --no-build.`);
    ui = await benchUi({ extensionDir: uiDir, baseUrl: BASE_URL, reps: uiReps });
    console.log(`\n${uiTable(ui)}\n\n${requestTable(ui)}\n`);
  }
  let db: DbFigures | null = null;
  if (!skip.has('db')) {
    db = await benchDatabase({ baseUrl: BASE_URL, scale: dbScale, reps: dbReps, reseed: args.includes('--db-reseed') });
    console.log(`\nDatabase at scale (RPCs as the member, RLS on, vs the same as postgres, RLS bypassed)\n${dbTable(db)}\n`);
  }
  if (skip.has('clip')) {
    writeFileSync(
      jsonPath,
      `${JSON.stringify({ date: new Date().toISOString(), git: gitState(), budgets: { ...BUDGETS, app: APP_BUDGETS }, sizes, ui, db }, null, 2)}\n`,
    );
    console.log(`Figures written to ${jsonPath} (clipper timing skipped)`);
    return;
  }

  const readabilityJs = createRequire(import.meta.url).resolve('@mozilla/readability/Readability.js');
  const readabilityVersion = (JSON.parse(readFileSync(join(readabilityJs, '../package.json'), 'utf8')) as { version: string }).version;
  const scripts = await benchScripts(repo, readFileSync(join(root, 'clipper.js'), 'utf8'));
  const empty = { name: `${BASELINE_PREFIX}empty`, html: '<!DOCTYPE html><html><head><title>Empty</title></head><body></body></html>' };
  // The empty page last, when the engine is as warm as for the pages it is compared with.
  const pages = [...readabilityPages(join(repo, 'tests/fixtures/readability-test-pages')), ...devSetPages(corpus, sample), empty];
  const fromDevSet = pages.filter((p) => p.name.startsWith('dev-set/')).length;
  const fromReadability = pages.filter((p) => p.name.startsWith('readability/')).length;
  if (fromDevSet === 0 && sample > 0) console.log(`(No extraction dev set at ${corpus}: Readability's test pages only.)`);

  const loadBefore = loadavg();
  const browser = await launch();
  const chromiumVersion = browser.version();
  console.log(
    `Timing ${pages.length} pages (an empty baseline page, ${fromReadability} Readability test pages, ${fromDevSet} dev-set) in Chromium ${chromiumVersion}, ${reps} runs each after a warm-up…`,
  );
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
  const bySize = new Map(pages.map((p) => [p.name, p.html.length]));
  const largest = [...perPage].sort((a, b) => (bySize.get(b.name) ?? 0) - (bySize.get(a.name) ?? 0)).slice(0, 5);
  console.log(`The largest pages\n${pageTable(largest)}\n`);
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
      clipper:
        'per click: built clipper.js evaluated as executeScript does (indirect eval, completion value), isolated world, page scripts off; extraction only: clipPage from a bundle evaluated before',
      readability:
        'per click: new Readability(document.cloneNode(true)).parse() bundled and minified by the same Vite, evaluated each run; extraction only: the same call, evaluated before',
      budgetLine: 'per click (script evaluation + run for both)',
      seconds: Math.round((Date.now() - started) / 1000),
    },
    budgets: { ...BUDGETS, app: APP_BUDGETS },
    sizes,
    ui,
    db,
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
