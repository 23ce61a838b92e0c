/**
 * Which "without" snippets an extraction kept (false positives) and which "with" snippets it
 * missed (false negatives), per page, from the texts `extraction.ts --texts out.json` saved.
 *
 *   npx tsx tests/eval/false-positives.ts texts.json [--fn] [corpus-dir]
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { devSetDir } from './shared-fixtures.ts';

interface Case {
  url: string;
  with: string[];
  without: string[];
}

const normalise = (text: string): string => text.replace(/\s+/g, ' ').trim();

const args = process.argv.slice(2);
const showMissed = args.includes('--fn');
const [textsPath, corpus] = args.filter((a) => !a.startsWith('--'));
if (!textsPath) {
  console.error('Usage: false-positives.ts texts.json [--fn] [corpus-dir]');
  process.exit(2);
}
const dir = devSetDir(corpus, 'Pass its folder as the second argument');
const cases = JSON.parse(readFileSync(join(dir, 'cases.json'), 'utf8')) as Record<string, Case>;
const texts = JSON.parse(readFileSync(textsPath, 'utf8')) as Record<string, string | null>;

let total = 0;
for (const [id, text] of Object.entries(texts)) {
  const c = cases[id];
  if (!c || text === null) continue;
  const body = normalise(text);
  const hits = (showMissed ? c.with : c.without).map(normalise).filter((s) => body.includes(s) !== showMissed);
  if (!hits.length) continue;
  total += hits.length;
  console.log(`${id} ${c.url}`);
  for (const s of hits) console.log(`    ${JSON.stringify(s.length > 160 ? `${s.slice(0, 159)}…` : s)}`);
}
console.log(`\n${total} ${showMissed ? 'missed "with"' : 'kept "without"'} snippets`);
