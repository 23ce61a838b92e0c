/** Turns raw timings and sizes into the figures bench-results.json keeps and the table it prints. */
import type { EntrySize, FileSize } from './bundle';
import { median, summarise, type Summary } from './stats';
import type { Outcome, PageTiming } from './timing';

/**
 * The performance budgets. Printed beside the figures and marked when exceeded;
 * they never fail the run (a benchmark measures, tests decide).
 */
export const BUDGETS = {
  /** Gzipped bytes of each entry with every chunk it loads (options and background: no budget). */
  gzip: { clipper: 20 * 1024, popup: 30 * 1024, sidepanel: 60 * 1024 } as Record<string, number>,
  /**
   * The hard limit for an entry, where it has one beside its budget: the clipper may take up to
   * 25 KB gzipped for extraction work (docs/benchmarks.md), past its 20 KB budget.
   */
  gzipCeiling: { clipper: 25 * 1024 } as Record<string, number>,
  /**
   * The median over the pages of each page's clipper/Readability ratio, per click: each
   * script evaluated and run, as executeScript injects it (the extraction-only ratio is shown beside it).
   */
  clipperToReadability: 1.3,
  /** The hard limit beside that budget: extraction work may take the clipper up to 2x plain Readability per click. */
  clipperToReadabilityCeiling: 2,
  /** The clipper's p95 over the pages' medians, in ms. */
  clipperP95Ms: 200,
};

export interface PageFigures {
  name: string;
  /** Per click: script evaluated and run. */
  clipper: Summary | null;
  readability: Summary | null;
  /** clipper median / Readability median on this page, per click. */
  ratio: number | null;
  /** Extraction only (script evaluated before), and its ratio; null when not timed. */
  clipperRun: Summary | null;
  readabilityRun: Summary | null;
  runRatio: number | null;
  clipperResult: Outcome | null;
  readabilityResult: Outcome | null;
  error: string;
}
/**
 * Pages named `baseline/…` measure fixed costs (an empty page: the clipper's script evaluation
 * and setup) and are reported apart, not in the overall figures.
 */
export const BASELINE_PREFIX = 'baseline/';

export interface Overall {
  /** The clipper's median on the empty baseline page, when it was timed. */
  emptyPageClipperMs: number | null;
  pages: number;
  timed: number;
  /** Over the per-page medians. */
  clipper: Summary;
  readability: Summary;
  /** Overall clipper median / overall Readability median. */
  ratio: number;
  /** Per click (the budget line). */
  medianPageRatio: number;
  /** Extraction only, over the pages timed that way (null when none were). */
  clipperRun: Summary | null;
  readabilityRun: Summary | null;
  medianPageRunRatio: number | null;
  /** Timed runs that did not finish normally: load failure, hang, clipper threw or returned no TabClip. */
  failures: { name: string; what: string }[];
  /** Pages the clipper declined (not an article) and pages where Readability found none. */
  clipperDeclined: string[];
  readabilityNoArticle: string[];
}

const threw = (o: Outcome | null): boolean => !!o && !o.ok && (o.note.startsWith('threw') || o.note === 'no TabClip returned');

export function pageFigures(t: PageTiming): PageFigures {
  const timed = t.clipper.length > 0 && t.readability.length > 0;
  const clipper = timed ? summarise(t.clipper) : null;
  const readability = timed ? summarise(t.readability) : null;
  const runTimed = timed && !!t.clipperRun?.length && !!t.readabilityRun?.length;
  const clipperRun = runTimed ? summarise(t.clipperRun!) : null;
  const readabilityRun = runTimed ? summarise(t.readabilityRun!) : null;
  return {
    name: t.name,
    clipper,
    readability,
    ratio: clipper && readability ? clipper.median / readability.median : null,
    clipperRun,
    readabilityRun,
    runRatio: clipperRun && readabilityRun ? clipperRun.median / readabilityRun.median : null,
    clipperResult: t.clipperResult,
    readabilityResult: t.readabilityResult,
    error: t.error,
  };
}

export function overall(all: readonly PageFigures[]): Overall {
  const empty = all.find((p) => p.name === `${BASELINE_PREFIX}empty`);
  const pages = all.filter((p) => !p.name.startsWith(BASELINE_PREFIX));
  const timed = pages.filter((p) => p.clipper && p.readability);
  const clipper = summarise(timed.map((p) => p.clipper!.median));
  const readability = summarise(timed.map((p) => p.readability!.median));
  const runTimed = timed.filter((p) => p.clipperRun && p.readabilityRun);
  const failures = pages.flatMap((p) => {
    if (p.error) return [{ name: p.name, what: p.error }];
    if (threw(p.clipperResult)) return [{ name: p.name, what: `clipper ${p.clipperResult!.note}` }];
    if (p.readabilityResult?.note.startsWith('threw')) return [{ name: p.name, what: `Readability ${p.readabilityResult.note}` }];
    return [];
  });
  return {
    emptyPageClipperMs: empty?.clipper?.median ?? null,
    pages: pages.length,
    timed: timed.length,
    clipper,
    readability,
    ratio: clipper.median / readability.median,
    medianPageRatio: median(timed.map((p) => p.ratio!)),
    clipperRun: runTimed.length ? summarise(runTimed.map((p) => p.clipperRun!.median)) : null,
    readabilityRun: runTimed.length ? summarise(runTimed.map((p) => p.readabilityRun!.median)) : null,
    medianPageRunRatio: runTimed.length ? median(runTimed.map((p) => p.runRatio!)) : null,
    failures,
    clipperDeclined: pages.filter((p) => p.clipperResult && !p.clipperResult.ok && !threw(p.clipperResult)).map((p) => p.name),
    readabilityNoArticle: pages.filter((p) => p.readabilityResult?.note === 'no article').map((p) => p.name),
  };
}

export function table(rows: string[][], rightAligned: (col: number) => boolean): string {
  const widths = rows[0]!.map((_, i) => Math.max(...rows.map((r) => (r[i] ?? '').length)));
  const line = (r: string[]) =>
    r
      .map((cell, i) => (rightAligned(i) ? cell.padStart(widths[i]!) : cell.padEnd(widths[i]!)))
      .join('  ')
      .trimEnd();
  return [line(rows[0]!), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.slice(1).map(line)].join('\n');
}

const kb = (bytes: number): string => (bytes / 1024).toFixed(1);
const ms = (n: number | undefined): string => (n === undefined || Number.isNaN(n) ? '-' : n.toFixed(1));
const x = (n: number | null): string => (n === null || Number.isNaN(n) ? '-' : `${n.toFixed(2)}x`);
const OVER = '  OVER BUDGET';

export function sizeTable(entries: Record<string, EntrySize>, files: readonly FileSize[]): string {
  const rows = [['entry (with its chunks)', 'raw KB', 'gzip KB', 'budget gzip KB', 'ceiling gzip KB', '']];
  for (const [name, e] of Object.entries(entries)) {
    const budget = BUDGETS.gzip[name];
    const ceiling = BUDGETS.gzipCeiling[name];
    const mark = ceiling && e.gzip > ceiling ? 'OVER CEILING' : budget && e.gzip > budget ? OVER.trim() : '';
    rows.push([name, kb(e.bytes), kb(e.gzip), budget ? kb(budget) : '-', ceiling ? kb(ceiling) : '-', mark]);
  }
  const fileRows = [['JS file', 'raw KB', 'gzip KB'], ...files.map((f) => [f.file, kb(f.bytes), kb(f.gzip)])];
  return `${table(rows, (i) => i > 0 && i < 5)}\n\n${table(fileRows, (i) => i > 0)}`;
}

export function pageTable(pages: readonly PageFigures[]): string {
  const rows = [['page', 'clipper med', 'p95', 'Readability med', 'p95', 'ratio/click', 'ratio/run', 'note']];
  for (const p of pages) {
    const note =
      p.error ||
      [
        p.clipperResult?.ok === false ? `clipper: ${p.clipperResult.note.slice(0, 60)}` : '',
        p.readabilityResult?.ok === false ? `Readability: ${p.readabilityResult.note}` : '',
      ]
        .filter(Boolean)
        .join('; ');
    rows.push([
      p.name,
      ms(p.clipper?.median),
      ms(p.clipper?.p95),
      ms(p.readability?.median),
      ms(p.readability?.p95),
      x(p.ratio),
      x(p.runRatio),
      note,
    ]);
  }
  return table(rows, (i) => i > 0 && i < 7);
}

/** One line per distinct failure, with how many pages and the first few names. */
export function failureLines(failures: Overall['failures']): string {
  const byWhat = new Map<string, string[]>();
  for (const f of failures) byWhat.set(f.what, [...(byWhat.get(f.what) ?? []), f.name]);
  return [...byWhat]
    .map(([what, names]) => `\n  ${names.length} x ${what}: ${names.slice(0, 3).join(', ')}${names.length > 3 ? ', …' : ''}`)
    .join('');
}

export function overallTable(o: Overall): string {
  const rows = [
    ['system', 'median ms', 'p95 ms', 'max ms'],
    ['clipper per click (built clipper.js evaluated and run)', ms(o.clipper.median), ms(o.clipper.p95), ms(o.clipper.max)],
    [
      'plain Readability per click (bundled alike, evaluated and run)',
      ms(o.readability.median),
      ms(o.readability.p95),
      ms(o.readability.max),
    ],
  ];
  if (o.clipperRun && o.readabilityRun) {
    rows.push(['clipper, extraction only', ms(o.clipperRun.median), ms(o.clipperRun.p95), ms(o.clipperRun.max)]);
    rows.push(['plain Readability, extraction only', ms(o.readabilityRun.median), ms(o.readabilityRun.p95), ms(o.readabilityRun.max)]);
  }
  const ratioOver =
    o.medianPageRatio > BUDGETS.clipperToReadabilityCeiling
      ? '  OVER CEILING'
      : o.medianPageRatio > BUDGETS.clipperToReadability
        ? OVER
        : '';
  const p95Over = o.clipper.p95 > BUDGETS.clipperP95Ms ? OVER : '';
  return [
    table(rows, (i) => i > 0),
    `clipper / Readability per click (the budget line): median per-page ratio ${x(o.medianPageRatio)} (budget ${BUDGETS.clipperToReadability}x, ceiling ${BUDGETS.clipperToReadabilityCeiling}x)${ratioOver}; ratio of the medians ${x(o.ratio)}`,
    `clipper / Readability, extraction only: median per-page ratio ${x(o.medianPageRunRatio)}`,
    `clipper p95 ${ms(o.clipper.p95)} ms (budget ${BUDGETS.clipperP95Ms} ms)${p95Over}`,
    `fixed cost: the clipper on an empty page takes ${ms(o.emptyPageClipperMs ?? undefined)} ms (script evaluation and setup)`,
    `${o.timed} of ${o.pages} pages timed; ${o.failures.length} failures${failureLines(o.failures)}`,
    `clipper declined (not an article): ${o.clipperDeclined.length}; Readability found no article: ${o.readabilityNoArticle.length}`,
  ].join('\n');
}
