/**
 * Text helpers for the Markdown export: everything members or pages wrote goes through
 * escapeMarkdown or quote, so it cannot become a link, image, heading or HTML.
 */
import { webHref } from './links';

/**
 * One line of text as literal Markdown: emphasis, code, links, images and HTML are escaped
 * anywhere; a heading, quote or list marker only at the start (where it would act).
 */
export function escapeMarkdown(text: string): string {
  return text
    .replace(/\s+/g, ' ')
    .trim()
    .replace(/[\\`*_[\]~<>&]/g, (c) => ({ '<': '&lt;', '>': '&gt;', '&': '&amp;' })[c] ?? `\\${c}`)
    .replace(/^[#+=-]/, '\\$&')
    .replace(/^(\d+)([.)])/, '$1\\$2');
}

/**
 * Several lines as a block quote, each line escaped (blank lines kept as paragraph breaks);
 * indent puts it under a list entry.
 */
export function quote(text: string, indent = ''): string {
  return text
    .split(/\r?\n/)
    .map((line) => (line.trim() ? `${indent}> ${escapeMarkdown(line)}` : `${indent}>`))
    .join('\n');
}

/** Only http(s) addresses become links, in the <…> form, with anything that could end it encoded. */
export function markdownLink(url: string | null): string | null {
  if (!url || !/^https?:\/\/[^\s]+$/i.test(url) || !webHref(url)) return null;
  return `<${url.replace(/[<>\s]/g, (c) => encodeURIComponent(c))}>`;
}

/** 2026-12-01 09:30 UTC: the same on every machine. */
export function day(iso: string | null): string {
  if (!iso) return '';
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? '' : `${date.toISOString().slice(0, 16).replace('T', ' ')} UTC`;
}
