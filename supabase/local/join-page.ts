/**
 * The join page (site/join.html and its script and styles) at /join, so a build for the
 * stand-in (npm run dev, the tests) has a working invitation link. A hosted project puts the
 * same files on any static host (docs/own-supabase-project.md).
 */
import { readFile } from 'node:fs/promises';
import type { ServerResponse } from 'node:http';
import { fileURLToPath } from 'node:url';

const SITE = fileURLToPath(new URL('../../site/', import.meta.url));

const FILES: Record<string, [file: string, type: string]> = {
  '/join': ['join.html', 'text/html; charset=utf-8'],
  '/join.js': ['join.js', 'text/javascript; charset=utf-8'],
  '/join.css': ['join.css', 'text/css; charset=utf-8'],
};

/** The headers a host should send with the page too: its own script and styles, nothing else. */
export const JOIN_PAGE_HEADERS = {
  'Content-Security-Policy':
    "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'",
  'Referrer-Policy': 'no-referrer',
  'X-Content-Type-Options': 'nosniff',
  'Cache-Control': 'no-cache',
};

/** Serves `path` when it is one of the join page's files; false otherwise. */
export async function serveJoinPage(method: string | undefined, path: string, res: ServerResponse): Promise<boolean> {
  const entry = FILES[path];
  if (!entry || (method !== 'GET' && method !== 'HEAD')) return false;
  const body = await readFile(SITE + entry[0]);
  res.writeHead(200, { ...JOIN_PAGE_HEADERS, 'Content-Type': entry[1], 'Content-Length': String(body.length) });
  res.end(method === 'HEAD' ? undefined : body);
  return true;
}
