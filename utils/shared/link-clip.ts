/**
 * The bare-link clip, shared by the clipper (pages it cannot read) and the popup
 * ("Save as link"). Kept apart from extract.ts so the popup never bundles Readability.
 */
import type { ClipPayload } from './api-types';

/** Longest title kept; the database allows 500 characters. */
export const MAX_TITLE = 500;

/** Collapses whitespace and trims; null when nothing is left; cuts at max with an ellipsis. */
export function tidy(text: string | null | undefined, max: number): string | null {
  const clean = (text ?? '').replace(/\s+/g, ' ').trim();
  if (!clean) return null;
  return clean.length <= max ? clean : `${clean.slice(0, max - 1).trimEnd()}…`;
}

/** Every field of a clip at its empty value, to spread the known ones over. */
export const EMPTY_CLIP: Omit<ClipPayload, 'kind' | 'url' | 'title'> = {
  canonical_url: null,
  byline: null,
  authors: [],
  site_name: null,
  excerpt: null,
  content_html: null,
  text_length: 0,
  word_count: 0,
  lang: null,
  dir: null,
  lead_image_url: null,
  favicon_url: null,
  published_at: null,
  modified_at: null,
  selection: false,
  truncated: false,
};

/**
 * The link card for a page saved without its text: the address and title, plus whatever
 * the page's metadata gave (site, description, image…) in `card`.
 */
export function linkClip(url: string, title: string | null, card: Partial<ClipPayload> = {}): ClipPayload {
  return {
    ...EMPTY_CLIP,
    ...card,
    kind: 'link',
    url,
    title: tidy(title, MAX_TITLE) ?? url,
    content_html: null,
    text_length: 0,
    word_count: 0,
    selection: false,
    truncated: false,
  };
}
