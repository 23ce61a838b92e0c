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

/** The clip for a page saved as a bare link. */
export function linkClip(url: string, title: string | null): ClipPayload {
  return {
    kind: 'link',
    url,
    canonical_url: null,
    title: tidy(title, MAX_TITLE) ?? url,
    byline: null,
    site_name: null,
    excerpt: null,
    content_html: null,
    text_length: 0,
    lang: null,
    lead_image_url: null,
  };
}
