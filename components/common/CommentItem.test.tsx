import { afterEach, beforeEach, describe, expect, test, vi } from 'vitest';
import { cleanup, fireEvent, render, screen } from '@testing-library/preact';
import { resetProtocol, send } from '@/tests/support/protocol-mock';
import { CommentItem } from './CommentItem';

vi.mock('@/utils/shared/protocol', () => import('@/tests/support/protocol-mock'));
beforeEach(resetProtocol);
afterEach(cleanup);
const comment = { id: 'c1', body: 'See *this*', author: { id: 'u-ada', display_name: 'Ada Lovelace' }, created_at: '2025-03-01T10:00:00Z' };

describe('CommentItem', () => {
  test("shows the author's avatar (initials), the text with emphasis, and no actions that are not mine", () => {
    render(<CommentItem comment={comment} mine={false} moderator={false} onChanged={vi.fn()} />);
    expect(screen.getByRole('img', { name: 'Ada Lovelace' }).textContent).toBe('AL');
    expect(screen.getByText('this').tagName).toBe('EM');
    expect(screen.queryByRole('button')).toBeNull();
  });

  test('a deleted comment shows as deleted, with no text and no actions', () => {
    render(<CommentItem comment={{ ...comment, body: '', deleted: true }} mine moderator onChanged={vi.fn()} />);
    expect(screen.getByText('This comment was deleted.')).toBeTruthy();
    expect(screen.queryByRole('button')).toBeNull();
  });

  test('a refused delete says why and leaves the comment', async () => {
    send.mockResolvedValue({
      ok: false,
      error: { kind: 'invalid', message: 'Only its author, or an owner or admin, can delete a comment.' },
    });
    const onChanged = vi.fn();
    render(<CommentItem comment={comment} mine={false} moderator onChanged={onChanged} />);
    fireEvent.click(screen.getByRole('button', { name: 'Delete' }));
    fireEvent.click(screen.getByRole('button', { name: 'Yes, delete' }));
    expect((await screen.findByRole('alert')).textContent).toMatch(/Only its author/);
    expect(onChanged).not.toHaveBeenCalled();
  });
});
