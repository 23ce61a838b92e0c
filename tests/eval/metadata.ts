/**
 * Metadata quality: title, byline and site name of extractArticle's clip (and of
 * readPageMetadata, which link cards and selections use) on Mozilla Readability's test pages,
 * against Readability's expected-metadata.json, and against the same expectations with the
 * corrections in tests/fixtures/metadata-expectations.json (where Readability's own expected
 * value keeps a site suffix or runs a date into a name).
 *
 *   npm run eval:metadata -- [pages-dir] [--list]
 *
 * pages-dir defaults to ../shared/fixtures/readability-test-pages (every page), falling back
 * to the subset in tests/fixtures. --list prints every field that differs.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseHTML } from 'linkedom';
import { sharedFixturePath } from './shared-fixtures.ts';
import { extractArticle } from '../../utils/clipper/extract.ts';
import { readPageMetadata } from '../../utils/clipper/page-metadata.ts';

/** The base URL Readability's own test suite reads its pages with. */
const FAKEHOST = 'http://fakehost/test/page.html';
const FIELDS = ['title', 'byline', 'siteName'] as const;
type Field = (typeof FIELDS)[number];
type Values = Record<Field, string | null>;

const tidy = (text: string | null | undefined): string | null => (text == null ? null : text.replace(/\s+/g, ' ').trim() || null);

function main(): void {
  const args = process.argv.slice(2);
  const list = args.includes('--list');
  const positional = args.filter((a) => !a.startsWith('--'));
  // ../shared beside the repository (or the main checkout, from a worktree), else the copy in tests/fixtures.
  const shared = sharedFixturePath('readability-test-pages', '');
  const local = fileURLToPath(new URL('../fixtures/readability-test-pages', import.meta.url));
  const dir = resolve(positional[0] ?? (existsSync(shared) ? shared : local));
  const corrections = JSON.parse(
    readFileSync(fileURLToPath(new URL('../fixtures/metadata-expectations.json', import.meta.url)), 'utf8'),
  ) as Record<string, Partial<Values> & { why?: string }>;

  const totals = {
    clip: { readability: count(), corrected: count() },
    page: { readability: count(), corrected: count() },
  };
  let pages = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (!entry.isDirectory()) continue;
    const expectedRaw = JSON.parse(readFileSync(join(dir, entry.name, 'expected-metadata.json'), 'utf8')) as Values & {
      readerable: boolean;
    };
    if (!expectedRaw.readerable) continue;
    pages++;
    const doc = () => parseHTML(readFileSync(join(dir, entry.name, 'source.html'), 'utf8')).document as unknown as Document;
    const result = extractArticle(doc(), FAKEHOST);
    const meta = readPageMetadata(doc(), FAKEHOST);
    const clip: Values = result.ok
      ? { title: result.clip.title, byline: result.clip.byline, siteName: result.clip.site_name }
      : { title: null, byline: null, siteName: null };
    const page: Values = { title: meta.title, byline: meta.byline, siteName: meta.site_name };
    const readability: Values = { title: tidy(expectedRaw.title), byline: tidy(expectedRaw.byline), siteName: tidy(expectedRaw.siteName) };
    const fix = corrections[entry.name] ?? {};
    const corrected: Values = { ...readability };
    for (const field of FIELDS) if (field in fix) corrected[field] = fix[field] ?? null;
    for (const field of FIELDS) {
      tally(totals.clip.readability, field, clip[field], readability[field]);
      tally(totals.clip.corrected, field, clip[field], corrected[field]);
      tally(totals.page.readability, field, page[field], readability[field]);
      tally(totals.page.corrected, field, page[field], corrected[field]);
      if (list && clip[field] !== corrected[field]) {
        console.log(`${entry.name} ${field}:\n  got      ${JSON.stringify(clip[field])}\n  expected ${JSON.stringify(corrected[field])}`);
      }
    }
  }
  console.log(`${pages} readerable pages in ${dir}`);
  for (const [system, sets] of Object.entries(totals)) {
    for (const [against, counts] of Object.entries(sets)) {
      const line = FIELDS.map((f) => `${f} ${counts[f]}/${pages}`).join(', ');
      console.log(`${system === 'clip' ? 'extractArticle ' : 'readPageMetadata'} vs ${against.padEnd(11)}: ${line}`);
    }
  }
}

function count(): Record<Field, number> {
  return { title: 0, byline: 0, siteName: 0 };
}

function tally(counts: Record<Field, number>, field: Field, got: string | null, want: string | null): void {
  if (got === want) counts[field]++;
}

main();
