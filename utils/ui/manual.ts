/**
 * A book or print article added by hand: the fields the member typed, checked and turned
 * into a 'manual' clip. Pure, so the rules are tested without a page.
 */
import type { ClipPayload } from '@/utils/shared/api-types';
import { EMPTY_CLIP, MAX_TITLE, tidy } from '@/utils/shared/link-clip';

export interface ManualFields {
  title: string;
  author: string;
  link: string;
}

export type ManualResult = { ok: true; clip: ClipPayload } | { ok: false; message: string };

/** The clip for what was typed, or what to fix: a title is required; a link must be a web address. */
export function manualClip({ title, author, link }: ManualFields): ManualResult {
  const name = tidy(title, MAX_TITLE);
  if (!name) return { ok: false, message: 'Give it a title.' };
  const url = link.trim() || null;
  if (url !== null && !isWebAddress(url)) {
    return { ok: false, message: 'The link must be a web address starting with http:// or https://.' };
  }
  const by = tidy(author, 200);
  return {
    ok: true,
    clip: { ...EMPTY_CLIP, kind: 'manual', url, title: name, byline: by, authors: by ? [by] : [] },
  };
}

function isWebAddress(text: string): boolean {
  try {
    const url = new URL(text);
    return (url.protocol === 'http:' || url.protocol === 'https:') && url.hostname !== '';
  } catch {
    return false;
  }
}
