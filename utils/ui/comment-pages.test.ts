import { beforeEach, describe, expect, test, vi } from 'vitest';
import type { Comment, CommentPage } from '@/utils/shared/api-types';
import { ask } from './ask';
import { mergeComments, newestComments, oldestTop } from './comment-pages';

vi.mock('./ask', () => ({ ask: vi.fn() }));
const asked = vi.mocked(ask);
// A block body: a function returned from beforeEach (mockReset returns the mock) is run as its cleanup.
beforeEach(() => {
  asked.mockReset();
});

const at = (n: number) => new Date(Date.UTC(2025, 2, 1, 10, n)).toISOString();
const top = (n: number): Comment => ({ id: `t${n}`, body: `Comment ${n}`, author: { id: 'a', display_name: 'Ada' }, created_at: at(n) });
const reply = (n: number, parent: number): Comment => ({ ...top(n), id: `r${n}`, parent_id: `t${parent}` });

describe('comment pages', () => {
  test('merging keeps the latest page’s copy of a comment in both, after the earlier ones', () => {
    const edited = { ...top(3), body: 'Comment 3, edited' };
    expect(mergeComments([top(1), top(2), top(3)], [edited, top(4)]).map((c) => c.body)).toEqual([
      'Comment 1',
      'Comment 2',
      'Comment 3, edited',
      'Comment 4',
    ]);
    expect(mergeComments([], [top(4)])).toEqual([top(4)]);
  });

  test('a page starts before its oldest top comment, not before a reply', () => {
    expect(oldestTop([reply(9, 1), top(2), top(3)])).toEqual({ id: 't2', createdAt: at(2) });
    expect(oldestTop([])).toBeNull();
  });

  test('the 450 newest top comments come in pages of 200, each before the last one’s oldest, and stop when none are older', async () => {
    const all = Array.from({ length: 300 }, (_, i) => top(i + 1));

    asked.mockImplementation((async (_name: string, data: { before?: { createdAt: string } | null; limit: number }) => {
      const older = all.filter((c) => !data.before || c.created_at < data.before.createdAt);
      const page: CommentPage = {
        comments: older.slice(-data.limit),
        top_comment_count: all.length,
        earlier_comment_count: Math.max(0, older.length - data.limit),
      };
      return { ok: true, value: page };
    }) as never);
    const newest = await newestComments('i1', 450);
    expect(asked.mock.calls.map(([, data]) => data)).toEqual([
      { itemId: 'i1', before: null, limit: 200 },
      { itemId: 'i1', before: { id: 't101', createdAt: at(101) }, limit: 200 },
    ]);
    expect(newest).toEqual({ ok: true, value: { comments: all, top_comment_count: 300, earlier_comment_count: 0 } });
  });

  test('a failed page is the answer', async () => {
    const failed = { ok: false as const, error: { kind: 'network' as const, message: 'Offline.' } };
    asked.mockResolvedValue(failed as never);
    expect(await newestComments('i1', 60)).toEqual(failed);
  });
});
