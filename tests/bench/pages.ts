/**
 * The pages the benchmark loads: Readability's own test pages (tests/fixtures) and a fixed
 * sample of the extraction development set (../shared, gzipped, decoded as a browser would).
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { decode } from '../eval/decode';

export interface BenchPage {
  /** Where it is from and its name, e.g. `readability/aclu`, `dev-set/0042`. */
  name: string;
  /** The page as text; served as UTF-8. */
  html: string;
}

/**
 * Evenly spaced ids over the sorted list: the same sample on every run and every machine,
 * spread over the whole corpus rather than its first pages.
 */
export function sampleIds(ids: readonly string[], count: number): string[] {
  const sorted = [...ids].sort();
  if (count >= sorted.length) return sorted;
  if (count <= 0) return [];
  return Array.from({ length: count }, (_, i) => sorted[Math.floor((i * sorted.length) / count)]!);
}

/** Decodes as a browser would: the extraction eval's rule (tests/eval/decode.ts). */
export function decodePage(bytes: Uint8Array): string {
  return decode(bytes).html;
}

export function readabilityPages(dir: string): BenchPage[] {
  return readdirSync(dir)
    .filter((name) => existsSync(join(dir, name, 'source.html')))
    .sort()
    .map((name) => ({ name: `readability/${name}`, html: readFileSync(join(dir, name, 'source.html'), 'utf8') }));
}

/** `count` pages of the extraction dev set, or none when the corpus is not there (CI has no ../shared). */
export function devSetPages(dir: string, count: number): BenchPage[] {
  if (!existsSync(join(dir, 'cases.json'))) return [];
  const ids = Object.keys(JSON.parse(readFileSync(join(dir, 'cases.json'), 'utf8')) as Record<string, unknown>);
  return sampleIds(ids, count).map((id) => ({
    name: `dev-set/${id}`,
    html: decodePage(gunzipSync(readFileSync(join(dir, 'pages', `${id}.html.gz`)))),
  }));
}
