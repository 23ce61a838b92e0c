/**
 * For pages given by id, the block of extractArticle's content holding each kept "without"
 * snippet: its tag, length, link share and place (before/inside/after the long paragraphs),
 * to see which shape rule could drop it.
 *
 *   npx tsx tests/eval/fp-blocks.ts ids-file [corpus-dir]
 *   npx tsx tests/eval/fp-blocks.ts --dump out.jsonl [corpus-dir]   (every page's blocks, to try rules offline)
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { devSetDir } from './shared-fixtures.ts';
import { gunzipSync } from 'node:zlib';
import { parseHTML } from 'linkedom';
import { extractArticle } from '../../utils/clipper/extract.ts';
import { decode } from './decode.ts';

const squash = (t: string | null | undefined): string => (t ?? '').replace(/\s+/g, ' ').trim();
const BLOCKS =
  'p, h1, h2, h3, h4, h5, h6, li, dt, dd, figcaption, caption, address, blockquote, pre, div, section, aside, footer, header, table, td';

const dumpAt = process.argv.indexOf('--dump');
const dumpPath = dumpAt > 0 ? process.argv[dumpAt + 1] : undefined;
const [idsFile, corpus] = dumpPath
  ? ['', process.argv.slice(2).find((a, i, all) => !a.startsWith('--') && all[i - 1] !== '--dump')]
  : process.argv.slice(2);
const dumped: string[] = [];
const dir = devSetDir(corpus, 'Pass its folder as the second argument');
const cases = JSON.parse(readFileSync(join(dir, 'cases.json'), 'utf8')) as Record<string, { url: string; without: string[] }>;
const ids = dumpPath ? Object.keys(cases) : readFileSync(idsFile!, 'utf8').split(/\s+/).filter(Boolean);
for (const id of ids) {
  const c = cases[id]!;
  const { html } = decode(gunzipSync(readFileSync(join(dir, 'pages', `${id}.html.gz`))));
  const result = extractArticle(
    parseHTML(html).document as unknown as Document,
    /^https?:/.test(c.url) ? c.url : 'https://example.invalid/',
  );
  if (!result.ok) continue;
  const body = parseHTML(`<!DOCTYPE html><html><body>${result.clip.content_html ?? ''}</body></html>`).document.body;
  const blocks = Array.from(body.querySelectorAll(BLOCKS)).filter((el) => !el.querySelector(BLOCKS) && squash(el.textContent));
  const long = blocks.map((el) => squash(el.textContent).length >= 150);
  const first = long.indexOf(true);
  const last = long.lastIndexOf(true);
  if (dumpPath) {
    const linkText = (el: Element) => Array.from(el.querySelectorAll('a')).reduce((n, a) => n + squash(a.textContent).length, 0);
    dumped.push(
      JSON.stringify({
        id,
        blocks: blocks.map((el) => [el.localName, squash(el.textContent), linkText(el)]),
        text: squash(body.textContent),
      }),
    );
    continue;
  }
  for (const s of c.without.map(squash)) {
    if (!squash(body.textContent).includes(s)) continue;
    const i = blocks.findIndex((el) => squash(el.textContent).includes(s));
    const el = blocks[i];
    const text = squash(el?.textContent);
    const links = el ? Array.from(el.querySelectorAll('a')).reduce((n, a) => n + squash(a.textContent).length, 0) / (text.length || 1) : 0;
    const place = i < 0 ? 'split' : i < first ? 'before' : i > last ? 'after' : 'inside';
    console.log(
      `${id}\t${place}\t${el?.localName ?? '-'}\t${text.length}\t${links.toFixed(2)}\t${JSON.stringify(s.slice(0, 60))}\t${JSON.stringify(text.slice(0, 100))}`,
    );
  }
}
if (dumpPath) writeFileSync(dumpPath, `${dumped.join('\n')}\n`);
