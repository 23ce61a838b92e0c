/**
 * Sizes of the built extension: every JS file raw and gzipped, and per entry (clipper,
 * background, popup, side panel, options) the total of the entry and every chunk it loads.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { posix } from 'node:path';
import { gzipSync } from 'node:zlib';

export interface FileSize {
  file: string;
  bytes: number;
  gzip: number;
}
export interface EntrySize extends FileSize {
  /** The entry file and the chunks it loads, each counted once. */
  files: string[];
}

/** The JS an HTML page loads: module scripts, classic scripts and modulepreloads. */
export function pageScripts(html: string): string[] {
  const found: string[] = [];
  for (const tag of html.match(/<(script|link)\b[^>]*>/gi) ?? []) {
    const isLink = /^<link/i.test(tag);
    if (isLink && !/\brel\s*=\s*["']?modulepreload/i.test(tag)) continue;
    const ref = /\b(?:src|href)\s*=\s*["']([^"']+)["']/i.exec(tag)?.[1];
    if (ref && /\.m?js(\?|$)/.test(ref)) found.push(ref);
  }
  return found;
}

/** Relative static imports in a built chunk: `import … from "./x.js"` and `import "./x.js"`. */
export function staticImports(js: string): string[] {
  const found = new Set<string>();
  for (const m of js.matchAll(/\b(?:from|import)\s*["'`](\.{1,2}\/[^"'`]+)["'`]/g)) found.add(m[1]!);
  return [...found];
}

/**
 * Every file reachable from `entries` (paths relative to the build root, `/`-separated)
 * through static imports; `read` returns a file's text.
 */
export function importClosure(entries: readonly string[], read: (file: string) => string): string[] {
  const seen = new Set<string>();
  const queue = entries.map((e) => posix.normalize(e.replace(/^\/+/, '')));
  while (queue.length) {
    const file = queue.shift()!;
    if (seen.has(file)) continue;
    seen.add(file);
    for (const spec of staticImports(read(file))) queue.push(posix.join(posix.dirname(file), spec));
  }
  return [...seen];
}

function walk(root: string, dir = ''): string[] {
  return readdirSync(posix.join(root, dir)).flatMap((name) => {
    const rel = dir ? `${dir}/${name}` : name;
    return statSync(posix.join(root, rel)).isDirectory() ? walk(root, rel) : [rel];
  });
}

/** gzip at zlib's default level, as `gzip` and most size reports use. */
export const gzipBytes = (data: Buffer | string): number => gzipSync(data).length;

/** The named entries of a Chrome MV3 build; an HTML entry stands for the scripts it loads. */
export const ENTRIES: Record<string, string> = {
  clipper: 'clipper.js',
  background: 'background.js',
  popup: 'popup.html',
  sidepanel: 'sidepanel.html',
  options: 'options.html',
};

export function measureBuild(root: string): { files: FileSize[]; entries: Record<string, EntrySize> } {
  const read = (file: string) => readFileSync(posix.join(root, file), 'utf8');
  const files = walk(root)
    .filter((f) => /\.m?js$/.test(f))
    .sort()
    .map((file) => {
      const data = readFileSync(posix.join(root, file));
      return { file, bytes: data.length, gzip: gzipBytes(data) };
    });
  const byName = new Map(files.map((f) => [f.file, f]));
  const entries: Record<string, EntrySize> = {};
  for (const [name, file] of Object.entries(ENTRIES)) {
    const starts = file.endsWith('.html') ? pageScripts(read(file)) : [file];
    const closure = importClosure(starts, read);
    const sizes = closure.map((f) => byName.get(f) ?? { file: f, bytes: 0, gzip: 0 });
    entries[name] = {
      file,
      files: closure,
      bytes: sizes.reduce((s, f) => s + f.bytes, 0),
      gzip: sizes.reduce((s, f) => s + f.gzip, 0),
    };
  }
  return { files, entries };
}

/** The zip `wxt zip` wrote into outDir (the newest `*-chrome.zip`), or null when there is none. */
export function measureZip(outDir: string): { file: string; bytes: number } | null {
  let names: string[];
  try {
    names = readdirSync(outDir).filter((n) => n.endsWith('-chrome.zip'));
  } catch {
    return null;
  }
  const newest = names
    .map((file) => ({ file, stat: statSync(posix.join(outDir, file)) }))
    .sort((a, b) => b.stat.mtimeMs - a.stat.mtimeMs)[0];
  return newest ? { file: newest.file, bytes: newest.stat.size } : null;
}
