import { describe, expect, test } from 'vitest';
import type { ClipPayload } from '@/utils/shared/api-types';
import { linkClip } from '@/utils/shared/link-clip';
import { clipToSave } from './clip';

const page = { ...linkClip('https://a.example/x', 'Page'), kind: 'article' } as ClipPayload;
const selection = { ...page, selection: true, title: 'Page (selection)' };
const card = linkClip('https://a.example/video', 'Video');
const error = { kind: 'unclippable' as const, message: 'This is a video page.' };

describe('clipToSave', () => {
  test('the selection while "Clip selection only" is ticked, else the article', () => {
    expect(clipToSave({ ok: true, clip: page, selection }, true)).toBe(selection);
    expect(clipToSave({ ok: true, clip: page, selection }, false)).toBe(page);
    expect(clipToSave({ ok: true, clip: page, selection: null }, true)).toBe(page);
  });

  test('a page that is not an article: its selection, else its link card, else nothing', () => {
    expect(clipToSave({ ok: false, error, link: card, selection }, true)).toBe(selection);
    expect(clipToSave({ ok: false, error, link: card, selection }, false)).toBe(card);
    expect(clipToSave({ ok: false, error, link: null, selection: null }, true)).toBeNull();
  });
});
