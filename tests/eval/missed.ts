/**
 * Which rule of the passes loses or keeps a snippet: for each page id given, the rules that
 * acted (utils/clipper/rules.ts), every "with" snippet extractArticle misses and the rules whose
 * switching off brings it back, every "without" snippet it keeps, and both systems' text lengths.
 *
 *   npx tsx tests/eval/missed.ts [--dir corpus-dir] id…
 */
import { readFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import { parseHTML } from 'linkedom';
import { Readability } from '@mozilla/readability';
import { extractArticle } from '../../utils/clipper/extract.ts';
import type { Rules } from '../../utils/clipper/rules.ts';
import { decode } from './decode.ts';
import { devSetDir } from './shared-fixtures.ts';

const args = process.argv.slice(2);
const at = args.indexOf('--dir');
const dir = at >= 0 ? args.splice(at, 2)[1]! : devSetDir(undefined, 'Pass its folder with --dir');
const cases = JSON.parse(readFileSync(`${dir}/cases.json`, 'utf8')) as Record<string, { url: string; with: string[]; without: string[] }>;
const norm = (t: string) => t.replace(/\s+/g, ' ').trim();
const parse = (h: string) => parseHTML(h).document as unknown as Document;
for (const id of args) {
  const c = cases[id]!;
  const doc = parse(decode(gunzipSync(readFileSync(`${dir}/pages/${id}.html.gz`))).html);
  const url = /^https?:\/\//i.test(c.url) ? c.url : `https://example.invalid/${id}.html`;
  const text = (rules?: Rules) => {
    const r = extractArticle(doc, url, undefined, rules);
    return r.ok ? norm(parse(`<!DOCTYPE html><html><body>${r.clip.content_html ?? ''}</body></html>`).body.textContent ?? '') : '';
  };
  const rules: Rules = { off: new Set(), fired: new Set() };
  const t = text(rules);
  console.log(`== ${id} ${c.url}\n   rules that acted: ${[...rules.fired!].join(', ')}`);
  for (const s of c.with.filter((s) => !t.includes(norm(s)))) {
    const back = [...rules.fired!].filter((r) => text({ off: new Set([r]) }).includes(norm(s)));
    console.log(`   missed ${JSON.stringify(s.slice(0, 100))}; back with off: ${back.join(', ') || '-'}`);
  }
  for (const s of c.without.filter((s) => t.includes(norm(s)))) console.log(`   kept ${JSON.stringify(s.slice(0, 100))}`);
  console.log(`   length ${t.length}, plain Readability ${norm(new Readability(doc).parse()?.textContent ?? '').length}`);
}
