/**
 * Where the clipper's bytes go: builds the production Chrome extension with a sourcemap
 * (READCLUB_SOURCEMAP=1, into a folder of its own) and attributes the built clipper.js to its
 * source modules. Per module: the minified bytes it became, and the gzipped bytes the file
 * would lose without them (the whole file gzipped, less the file gzipped with that module's bytes
 * cut out). The marginal figures do not add up to the total: what modules share, gzip stores once.
 *
 *   npx tsx tests/bench/clipper-modules.ts [--no-build] [--out dir] [--entry clipper.js]
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipBytes } from './bundle';

/** The repository (a function: the unit tests' DOM environment has no file: URL here). */
const repo = () => fileURLToPath(new URL('../..', import.meta.url));
/** Bytes the map gives no source for: the bundler's and WXT's wrappers. */
export const UNMAPPED = '(bundler and WXT wrapper)';

const BASE64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';

/** The numbers of one sourcemap segment (base64 VLQ). */
export function decodeSegment(segment: string): number[] {
  const values: number[] = [];
  let value = 0;
  let shift = 0;
  for (const char of segment) {
    const digit = BASE64.indexOf(char);
    if (digit < 0) throw new Error(`Not a sourcemap segment: ${segment}`);
    value += (digit & 31) << shift;
    if (digit & 32) {
      shift += 5;
    } else {
      values.push(value & 1 ? -(value >>> 1) : value >>> 1);
      value = 0;
      shift = 0;
    }
  }
  return values;
}

/**
 * For each character of the generated code (by line), the index of its source in `sources`,
 * or -1 where the map names none. A segment covers the columns up to the next segment.
 */
export function sourceOfEachChar(code: string, mappings: string): Int32Array[] {
  const lines = code.split('\n');
  const owner = lines.map((line) => new Int32Array(line.length).fill(-1));
  let source = 0;
  mappings.split(';').forEach((group, lineIndex) => {
    const line = owner[lineIndex];
    if (!line || !group) return;
    let column = 0;
    const starts: { column: number; source: number }[] = [];
    for (const segment of group.split(',')) {
      if (!segment) continue;
      const [dColumn = 0, dSource] = decodeSegment(segment);
      column += dColumn;
      if (dSource === undefined) {
        starts.push({ column, source: -1 });
      } else {
        source += dSource;
        starts.push({ column, source });
      }
    }
    starts.forEach((start, i) => line.fill(start.source, start.column, starts[i + 1]?.column ?? line.length));
  });
  return owner;
}

export interface ModuleSize {
  module: string;
  /** Minified bytes (UTF-8) the module became. */
  bytes: number;
  /** Gzipped bytes the file loses without this module's code. */
  gzipMarginal: number;
}

/** Attributes `code` (without its sourceMappingURL comment) to the sources of its map. */
export function attribute(
  code: string,
  map: { sources: string[]; mappings: string },
  name = (s: string) => s,
): { total: { bytes: number; gzip: number }; modules: ModuleSize[] } {
  const lines = code.split('\n');
  const owner = sourceOfEachChar(code, map.mappings);
  const labels = map.sources.map(name);
  const keyOf = (index: number) => (index < 0 ? UNMAPPED : labels[index]!);
  const keys = [...new Set([...labels, UNMAPPED])];
  const without = new Map<string, string[]>(keys.map((k) => [k, []]));
  const bytes = new Map<string, number>(keys.map((k) => [k, 0]));
  lines.forEach((line, l) => {
    const own = owner[l]!;
    for (const key of keys) {
      let kept = '';
      for (let c = 0; c < line.length; c++) {
        const k = keyOf(own[c]!);
        if (k === key) bytes.set(key, bytes.get(key)! + Buffer.byteLength(line[c]!));
        else kept += line[c];
      }
      without.get(key)!.push(kept);
    }
  });
  const gzip = gzipBytes(code);
  const modules = keys
    .filter((k) => bytes.get(k)! > 0)
    .map((module) => ({ module, bytes: bytes.get(module)!, gzipMarginal: gzip - gzipBytes(without.get(module)!.join('\n')) }))
    .sort((a, b) => b.gzipMarginal - a.gzipMarginal);
  return { total: { bytes: Buffer.byteLength(code), gzip }, modules };
}

/** Sources as the reader knows them: paths in the repository, packages by name. */
export function moduleName(source: string, mapDir: string): string {
  const path = relative(repo(), join(mapDir, source)).replaceAll('\\', '/');
  const pkg = /node_modules\/((?:@[^/]+\/)?[^/]+)\/(.*)$/.exec(path);
  return pkg ? `${pkg[1]}/${pkg[2]}` : path;
}

function main(): void {
  const args = process.argv.slice(2);
  const value = (flag: string, fallback: string) => (args.includes(flag) ? args[args.indexOf(flag) + 1]! : fallback);
  const outDir = value('--out', '.output-sourcemap');
  const entry = value('--entry', 'clipper.js');
  const dir = join(repo(), outDir, 'chrome-mv3');
  if (!args.includes('--no-build')) {
    console.log(`Building the production extension with sourcemaps into ${outDir}/ …`);
    const env: NodeJS.ProcessEnv = { ...process.env, READCLUB_OUT_DIR: outDir, READCLUB_SOURCEMAP: '1' };
    delete env.READCLUB_TEST_HOSTS;
    const result = spawnSync('npx', ['wxt', 'build', '-b', 'chrome'], { cwd: repo(), env, encoding: 'utf8' });
    if (result.status !== 0) throw new Error(`wxt build failed (exit ${result.status}):\n${result.stdout}${result.stderr}`);
  }
  const file = join(dir, entry);
  if (!existsSync(`${file}.map`)) throw new Error(`No sourcemap at ${file}.map; build without --no-build.`);
  const code = readFileSync(file, 'utf8').replace(/\n?\/\/# sourceMappingURL=.*\s*$/, '');
  const map = JSON.parse(readFileSync(`${file}.map`, 'utf8')) as { sources: string[]; mappings: string };
  const { total, modules } = attribute(code, map, (s) => moduleName(s, dir));
  const pad = (s: string | number, n: number) => String(s).padStart(n);
  const width = Math.max(...modules.map((m) => m.module.length), 'module'.length);
  console.log(`\n${entry}: ${total.bytes} bytes minified, ${total.gzip} gzipped\n`);
  console.log(`${'module'.padEnd(width)}  ${pad('minified', 9)}  ${pad('gzip, marginal', 14)}`);
  for (const m of modules) console.log(`${m.module.padEnd(width)}  ${pad(m.bytes, 9)}  ${pad(m.gzipMarginal, 14)}`);
}

if (import.meta.url.startsWith('file:') && process.argv[1] === fileURLToPath(import.meta.url)) main();
