import { describe, expect, it } from 'vitest';
import { importClosure, pageScripts, staticImports } from './bundle';

describe('bench: which chunks an entry loads', () => {
  it('reads module scripts and modulepreloads from a page, not stylesheets', () => {
    const html = `<script type="module" crossorigin src="/chunks/popup-A.js"></script>
      <link rel="modulepreload" crossorigin href="/chunks/styles-B.js">
      <link rel="stylesheet" crossorigin href="/assets/styles-C.css">
      <script src="/legacy.js"></script>`;
    expect(pageScripts(html)).toEqual(['/chunks/popup-A.js', '/chunks/styles-B.js', '/legacy.js']);
  });

  it('finds minified relative imports, side-effect imports, and ignores bare packages and dynamic imports', () => {
    const js =
      'import{a as e}from"./styles-B.js";import"./side.js";import { x } from "../up.js";import"preact";const l=()=>import("./lazy.js");';
    expect(staticImports(js)).toEqual(['./styles-B.js', './side.js', '../up.js']);
  });

  it('follows imports through chunks, counting a shared chunk once', () => {
    const files: Record<string, string> = {
      'chunks/popup-A.js': 'import{a}from"./styles-B.js";import{t}from"./Bar-C.js";',
      'chunks/Bar-C.js': 'import{a}from"./styles-B.js";',
      'chunks/styles-B.js': 'export const a=1;',
    };
    const read = (f: string) => files[f] ?? '';
    expect(importClosure(['/chunks/popup-A.js', '/chunks/styles-B.js'], read).sort()).toEqual([
      'chunks/Bar-C.js',
      'chunks/popup-A.js',
      'chunks/styles-B.js',
    ]);
  });
});
