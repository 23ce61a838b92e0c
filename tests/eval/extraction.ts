/**
 * Extraction quality: runs Readclub's extractArticle and plain Mozilla Readability over the
 * extraction development set and scores both with the corpus's own rule (see its README.md).
 *
 *   npm run eval:extract -- [corpus-dir] [--pages] [--json out.json] [--texts out.json]
 *                           [--ids file-of-ids] [--sample N] [--folds]
 *
 * --folds also reads every page again with each rule of the passes switched off that changed
 * it (utils/clipper/rules.ts), and prints the scores per site fold and each rule's gain per fold
 * with a keep/drop verdict (tests/eval/folds.ts, docs/extraction.md).
 *
 * --ids / --sample score a subset (every Nth-spread page) for quick loops; figures for the
 * whole corpus come only from a run without them. --texts saves extractArticle's text per
 * page, for tests/eval/false-positives.ts.
 *
 * Without --pages it prints every page where extractArticle scores worse than plain Readability
 * by more than WORSE_MARGIN (page F1), the list to keep near empty.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { performance } from 'node:perf_hooks';
import { Readability } from '@mozilla/readability';
import { parseHTML } from 'linkedom';
import { extractArticle } from '../../utils/clipper/extract.ts';
import { RULES, type Rule, type Rules } from '../../utils/clipper/rules.ts';
import { decode } from './decode.ts';
import { devSetDir } from './shared-fixtures.ts';
import { foldReport, siteOf, targetLines, type FoldPage } from './folds.ts';

interface Case {
  url: string;
  with: string[];
  without: string[];
}
interface Counts {
  tp: number;
  fp: number;
  fn: number;
  tn: number;
}
interface SystemRun {
  counts: Counts;
  /** null when the system gave no result; otherwise why not is in `note`. */
  found: boolean;
  note: string;
  ms: number;
}
interface PageResult {
  id: string;
  text?: string | null;
  url: string;
  charset: string;
  extract: SystemRun;
  readability: SystemRun;
  /** With --folds: the counts with one rule off, for each rule that changed the text. */
  without?: Partial<Record<Rule, Counts>>;
}
type SystemName = 'extract' | 'readability';
const SYSTEMS: SystemName[] = ['extract', 'readability'];
/** A page counts as worse than plain Readability when its F1 is lower by more than this. */
const WORSE_MARGIN = 0.1;

const normalise = (text: string): string => text.replace(/\s+/g, ' ').trim();

function score(text: string | null, c: Case): Counts {
  const counts: Counts = { tp: 0, fp: 0, fn: 0, tn: 0 };
  const body = text === null ? null : normalise(text);
  for (const s of c.with) {
    if (body !== null && body.includes(normalise(s))) counts.tp++;
    else counts.fn++;
  }
  for (const s of c.without) {
    if (body !== null && body.includes(normalise(s))) counts.fp++;
    else counts.tn++;
  }
  return counts;
}

function add(a: Counts, b: Counts): Counts {
  return { tp: a.tp + b.tp, fp: a.fp + b.fp, fn: a.fn + b.fn, tn: a.tn + b.tn };
}

const ratio = (num: number, den: number): number => (den === 0 ? 1 : num / den);
function metrics(c: Counts): { precision: number; recall: number; accuracy: number; f1: number } {
  return {
    precision: ratio(c.tp, c.tp + c.fp),
    recall: ratio(c.tp, c.tp + c.fn),
    accuracy: ratio(c.tp + c.tn, c.tp + c.fp + c.fn + c.tn),
    f1: ratio(2 * c.tp, 2 * c.tp + c.fp + c.fn),
  };
}

const parse = (html: string): Document => parseHTML(html).document as unknown as Document;

/** Some corpus URLs are placeholders ("hard::name.html"); extractArticle needs a web URL. */
function webUrl(url: string, id: string): string {
  return /^https?:\/\//i.test(url) ? url : `https://example.invalid/${id}.html`;
}

function run(c: Case, what: () => { text: string | null; note: string }, keep?: (text: string | null) => void): SystemRun {
  const start = performance.now();
  let out: { text: string | null; note: string };
  try {
    out = what();
  } catch (error) {
    out = { text: null, note: `threw: ${String(error)}` };
  }
  const ms = performance.now() - start;
  keep?.(out.text);
  return { counts: score(out.text, c), found: out.text !== null, note: out.note, ms };
}

function extractText(doc: Document, url: string, rules?: Rules): { text: string | null; note: string } {
  const result = extractArticle(doc, url, undefined, rules);
  if (!result.ok) return { text: null, note: result.reason };
  const body = parse(`<!DOCTYPE html><html><body>${result.clip.content_html ?? ''}</body></html>`).body;
  return { text: body.textContent ?? '', note: result.truncated ? 'truncated' : '' };
}

function evaluatePage(dir: string, id: string, c: Case, folds: boolean): PageResult {
  const { html, charset } = decode(gunzipSync(readFileSync(join(dir, 'pages', `${id}.html.gz`))));
  const doc = parse(html);
  let text: string | null = null;
  const url = webUrl(c.url, id);
  const rules: Rules = { off: new Set(), fired: new Set() };
  // extractArticle reads a copy and never changes `doc`, so it goes first; Readability mutates.
  const extract = run(
    c,
    () => extractText(doc, url, folds ? rules : undefined),
    (t) => (text = t),
  );
  let without: PageResult['without'];
  if (folds) {
    without = {};
    // A rule that did not act cannot change the text when switched off.
    for (const rule of RULES.filter((r) => rules.fired!.has(r))) {
      let other: string | null = null;
      const off = run(
        c,
        () => extractText(doc, url, { off: new Set([rule]) }),
        (t) => (other = t),
      );
      if (other !== text) without[rule] = off.counts;
    }
  }
  const readability = run(c, () => {
    const article = new Readability(doc).parse();
    return article ? { text: article.textContent ?? '', note: '' } : { text: null, note: 'no-content' };
  });
  return { id, url: c.url, charset, extract, readability, text, without };
}

function pageF1(r: SystemRun): number {
  return metrics(r.counts).f1;
}

function table(rows: string[][], rightAligned: (col: number) => boolean): string {
  const widths = rows[0]!.map((_, i) => Math.max(...rows.map((r) => (r[i] ?? '').length)));
  const line = (r: string[]) =>
    r
      .map((cell, i) => (rightAligned(i) ? cell.padStart(widths[i]!) : cell.padEnd(widths[i]!)))
      .join('  ')
      .trimEnd();
  return [line(rows[0]!), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.slice(1).map(line)].join('\n');
}

const f3 = (n: number): string => n.toFixed(3);
const cut = (s: string, n: number): string => (s.length <= n ? s : `${s.slice(0, n - 1)}…`);

function main(): void {
  const args = process.argv.slice(2);
  const showAll = args.includes('--pages');
  const jsonAt = args.indexOf('--json');
  const jsonPath = jsonAt >= 0 ? args[jsonAt + 1] : undefined;
  if (jsonAt >= 0 && !jsonPath) {
    console.error('--json needs a file name.');
    process.exit(2);
  }
  const valueOf = (flag: string): string | undefined => {
    const at = args.indexOf(flag);
    return at >= 0 ? args[at + 1] : undefined;
  };
  const valued = new Set(['--json', '--texts', '--ids', '--sample'].map((f) => args.indexOf(f) + 1).filter((i) => i > 0));
  const positional = args.filter((a, i) => !a.startsWith('--') && !valued.has(i));
  const dir = devSetDir(positional[0], 'Pass its folder as the first argument (npm run eval:extract -- <dir>)');

  const cases = JSON.parse(readFileSync(join(dir, 'cases.json'), 'utf8')) as Record<string, Case>;
  let entries = Object.entries(cases);
  const idsFile = valueOf('--ids');
  if (idsFile) {
    const wanted = new Set(readFileSync(idsFile, 'utf8').split(/\s+/).filter(Boolean));
    entries = entries.filter(([id]) => wanted.has(id));
  }
  const sample = Number(valueOf('--sample') ?? 0);
  if (sample > 0 && sample < entries.length) {
    const step = entries.length / sample;
    entries = Array.from({ length: sample }, (_, i) => entries[Math.floor(i * step)]!);
  }
  const subset = entries.length < Object.keys(cases).length;
  if (subset) console.log(`Subset: ${entries.length} of ${Object.keys(cases).length} pages (not the corpus figures)`);
  const pages: PageResult[] = [];
  const started = performance.now();
  const folds = args.includes('--folds');
  for (const [id, c] of entries) pages.push(evaluatePage(dir, id, c, folds));
  const wallS = (performance.now() - started) / 1000;

  const worse = pages
    .map((p) => ({ p, gap: pageF1(p.extract) - pageF1(p.readability) }))
    .filter((x) => x.gap < -WORSE_MARGIN)
    .sort((a, b) => a.gap - b.gap)
    .map((x) => x.p);
  const better = pages.filter((p) => pageF1(p.extract) > pageF1(p.readability) + WORSE_MARGIN).length;
  const shown = showAll ? pages : worse;
  const sys = (r: SystemRun) => [
    `${r.counts.tp}/${r.counts.fp}/${r.counts.fn}/${r.counts.tn}`,
    f3(pageF1(r)),
    r.note || (r.found ? '' : '-'),
  ];
  console.log(
    showAll ? 'Per page' : `Pages where extractArticle is worse than plain Readability by more than ${WORSE_MARGIN} F1 (--pages for all)`,
  );
  if (shown.length) {
    const rows = [['id', 'url', 'charset', 'extract TP/FP/FN/TN', 'F1', 'note', 'readability TP/FP/FN/TN', 'F1', 'note']];
    for (const p of shown) rows.push([p.id, cut(p.url, 48), p.charset, ...sys(p.extract), ...sys(p.readability)]);
    console.log(table(rows, (i) => [3, 4, 6, 7].includes(i)));
  } else console.log('(none)');

  const overall = SYSTEMS.map((name) => {
    const counts = pages.reduce((sum, p) => add(sum, p[name].counts), { tp: 0, fp: 0, fn: 0, tn: 0 });
    const seconds = pages.reduce((sum, p) => sum + p[name].ms, 0) / 1000;
    const noResult = pages.filter((p) => !p[name].found).length;
    return { system: name, ...metrics(counts), ...counts, noResult, seconds };
  });
  console.log(`\nPages worse than plain Readability by more than ${WORSE_MARGIN} F1: ${worse.length}; better by as much: ${better}`);
  console.log(
    `Overall: ${pages.length} pages, ${pages.filter((p) => p.charset !== 'utf-8').length} not valid UTF-8, ${wallS.toFixed(1)} s in all`,
  );
  const rows = [['system', 'precision', 'recall', 'accuracy', 'F1', 'TP', 'FP', 'FN', 'TN', 'no result', 'time (s)']];
  for (const o of overall) {
    const label = o.system === 'extract' ? 'extractArticle' : 'Readability (plain)';
    rows.push([
      label,
      f3(o.precision),
      f3(o.recall),
      f3(o.accuracy),
      f3(o.f1),
      ...[o.tp, o.fp, o.fn, o.tn, o.noResult].map(String),
      o.seconds.toFixed(1),
    ]);
  }
  console.log(table(rows, (i) => i > 0));

  const foldPages: FoldPage[] = pages.map((p) => ({
    id: p.id,
    site: siteOf(p.url),
    extract: p.extract.counts,
    readability: p.readability.counts,
    without: p.without ?? {},
  }));
  const [extractCounts, readabilityCounts] = overall;
  if (!subset) console.log(`\n${targetLines(extractCounts!, readabilityCounts!, folds ? foldPages : undefined).join('\n')}`);
  if (folds) {
    console.log(`\n${foldReport(foldPages, RULES)}`);
  }

  const textsPath = valueOf('--texts');
  if (textsPath) {
    writeFileSync(textsPath, JSON.stringify(Object.fromEntries(pages.map((p) => [p.id, p.text ?? null]))));
    console.log(`Extracted texts written to ${textsPath}`);
  }
  if (jsonPath) {
    const perPage = pages.map((p) => ({
      id: p.id,
      url: p.url,
      charset: p.charset,
      ...Object.fromEntries(SYSTEMS.map((s) => [s, { ...p[s].counts, f1: pageF1(p[s]), found: p[s].found, note: p[s].note, ms: p[s].ms }])),
      ...(p.without ? { without: p.without } : {}),
    }));
    const worseThanPlain = worse.map((p) => p.id);
    writeFileSync(
      jsonPath,
      `${JSON.stringify({ corpus: dir, pages: pages.length, overall, worseMargin: WORSE_MARGIN, worseThanPlain, perPage }, null, 2)}\n`,
    );
    console.log(`\nFigures written to ${jsonPath}`);
  }
}

main();
