import { afterEach, beforeEach, describe, expect, test, vi } from 'vitest';
import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/preact';
import { answer, reply, resetProtocol, sent } from '@/tests/support/protocol-mock';
import type { Highlight } from '@/utils/shared/api-types';
import { cachedAccount, cachedGroups } from '@/utils/shared/storage';
import { ada, groups } from '@/components/testing/fixtures';
import { HighlightThread } from './HighlightThread';

vi.mock('@/utils/shared/protocol', () => import('@/tests/support/protocol-mock'));
afterEach(cleanup);
beforeEach(async () => {
  resetProtocol();
  await cachedAccount.setValue(ada);
  await cachedGroups.setValue(groups); // Ada owns g1, is a member of g2
});

const at = '2026-12-01T10:00:00Z';
const mine: Highlight = {
  id: 'h1',
  item_id: 'i1',
  author: { id: 'u-ada', display_name: 'Ada' },
  exact: 'Small groups read better.',
  prefix: '',
  suffix: '',
  start: 0,
  end: 25,
  body: 'The point.',
  created_at: at,
  updated_at: at,
  reply_count: 0,
  replies: [],
};
const bens: Highlight = { ...mine, id: 'h2', author: { id: 'u-ben', display_name: 'Ben' } };

describe('HighlightThread', () => {
  test('the author edits their comment on the passage (editHighlight)', async () => {
    const onChanged = vi.fn();
    answer('editHighlight', { ...mine, body: 'The whole point.' });
    render(<HighlightThread highlight={mine} groupId="g2" onClose={vi.fn()} onChanged={onChanged} />);
    fireEvent.click(await screen.findByRole('button', { name: 'Edit' }));
    fireEvent.input(screen.getByLabelText('Edit your comment'), { target: { value: 'The whole point.' } });
    fireEvent.click(screen.getByRole('button', { name: 'Save' }));
    await waitFor(() => expect(onChanged).toHaveBeenCalled());
    expect(sent('editHighlight')).toEqual([{ highlightId: 'h1', body: 'The whole point.' }]);
    expect(sent('editComment')).toEqual([]);
  });

  test("an owner deletes another member's highlight with its replies, after confirming; a member may not", async () => {
    const onChanged = vi.fn();
    answer('deleteHighlight', null);
    render(<HighlightThread highlight={bens} groupId="g1" onClose={vi.fn()} onChanged={onChanged} />);
    fireEvent.click(await screen.findByRole('button', { name: 'Delete' }));
    expect(screen.queryByRole('button', { name: 'Edit' })).toBeNull();
    expect(screen.getByRole('group', { name: 'Delete this highlight and its replies?' })).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: 'Yes, delete' }));
    await waitFor(() => expect(onChanged).toHaveBeenCalled());
    expect(sent('deleteHighlight')).toEqual([{ highlightId: 'h2' }]);
    cleanup();
    render(<HighlightThread highlight={bens} groupId="g2" onClose={vi.fn()} onChanged={vi.fn()} />);
    await screen.findByText('The point.');
    await new Promise((r) => setTimeout(r, 50)); // the stored account and groups are read
    expect(screen.queryByRole('button', { name: 'Delete' })).toBeNull();
  });

  test('a reply kept in the outbox says so and empties the box', async () => {
    const { replies: _none, ...rest } = mine; // an answer without replies shows none
    render(<HighlightThread highlight={rest} groupId="g2" onClose={vi.fn()} onChanged={vi.fn()} />);
    reply('addComment', {
      ok: false,
      error: { kind: 'queued', message: 'Kept for Thursday Circle: it will be sent when you are back online.' },
    });
    fireEvent.input(screen.getByLabelText('Reply to this passage'), { target: { value: 'Later' } });
    fireEvent.click(screen.getByRole('button', { name: 'Send reply' }));
    expect((await screen.findByRole('status')).textContent).toMatch(/Kept for Thursday Circle/);
    expect((screen.getByLabelText('Reply to this passage') as HTMLTextAreaElement).value).toBe('');
    expect(sent('addComment')[0]).toMatchObject({ itemId: 'i1', body: 'Later', highlightId: 'h1' });
  });
});
