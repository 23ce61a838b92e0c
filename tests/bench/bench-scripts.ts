/**
 * What the clip benchmark injects besides the built clipper.js, built by the same Vite with the
 * clipper's own minifier settings (CLIPPER_MINIFY, CLIPPER_DEFINE in wxt.config.ts), so the two
 * systems are compared like for like: Readability as a per-click script, and a library that
 * defines both extraction functions for the extraction-only comparison.
 */
import { build, type Rolldown } from 'vite';
import { CLIPPER_DEFINE, CLIPPER_MINIFY } from '../../wxt.config';
import type { Scripts } from './timing';

const ENTRY = 'readclub-bench-entry';

/** `code` (plain JS importing from the repo, `@/` allowed) bundled and minified as an IIFE. */
export async function bundleScript(repo: string, code: string): Promise<string> {
  const root = repo.replace(/\/$/, '');
  const output = await build({
    configFile: false,
    logLevel: 'error',
    root,
    resolve: { alias: { '@': root } },
    plugins: [
      {
        name: ENTRY,
        enforce: 'pre',
        // Vite hands lib mode's entry over as a path under the root.
        resolveId: (id: string) => (id.endsWith(ENTRY) ? `\0${ENTRY}` : null),
        load: (id: string) => (id === `\0${ENTRY}` ? code : null),
      },
    ],
    define: CLIPPER_DEFINE,
    build: { ...CLIPPER_MINIFY, write: false, lib: { entry: ENTRY, formats: ['iife'], name: 'readclubBench' } },
  });
  const chunks = (Array.isArray(output) ? output : [output]).flatMap((o) => (o as Rolldown.RolldownOutput).output);
  const chunk = chunks.find((c) => c.type === 'chunk');
  if (!chunk || chunk.type !== 'chunk') throw new Error('The bench script build produced no chunk.');
  return chunk.code;
}

/** The scripts for timing.ts, given the built clipper.js. */
export async function benchScripts(repo: string, clipper: string): Promise<Scripts> {
  const readability = await bundleScript(
    repo,
    "import { Readability } from '@mozilla/readability';\nglobalThis.__readclubArticle = new Readability(document.cloneNode(true)).parse();",
  );
  const library = await bundleScript(
    repo,
    [
      "import { Readability } from '@mozilla/readability';",
      "import { clipPage } from '@/utils/clipper/extract';",
      "import { selectionFragment } from '@/utils/clipper/selection-clip';",
      'globalThis.__readclubReadability = () => new Readability(document.cloneNode(true)).parse();',
      // As entrypoints/clipper.ts calls it.
      'globalThis.__readclubClip = () => clipPage(document, location.href, selectionFragment(document));',
    ].join('\n'),
  );
  return { clipper, readability, library };
}
