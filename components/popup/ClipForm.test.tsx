import { afterEach, beforeEach, describe, expect, test, vi } from 'vitest';
import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/preact';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { resetProtocol, send } from '@/tests/support/protocol-mock';
import { lastGroupId } from '@/utils/shared/storage';
import { ClipForm } from './ClipForm';
import { article, groups, videoCard } from '@/components/testing/fixtures';

vi.mock('@/utils/shared/protocol', () => import('@/tests/support/protocol-mock'));
const input = (label: string) => screen.getByLabelText(label) as HTMLInputElement;
const [circle, journal] = groups as [(typeof groups)[0], (typeof groups)[0]];

beforeEach(() => {
  fakeBrowser.reset();
  resetProtocol();
});
afterEach(cleanup);

describe('ClipForm', () => {
  test('labelled fields, queue checked by default, saves to the group given', () => {
    render(<ClipForm clip={article} group={journal} onSaved={vi.fn()} />);
    expect(input('Tags').value).toBe('');
    expect(input('Tags').getAttribute('aria-describedby')).toBe('clip-tags-hint');
    expect(input('Comment').value).toBe('');
    expect(input('Queue for discussion').checked).toBe(true);
    expect(screen.getByRole('button', { name: 'Save to Journal Club' })).toBeTruthy();
  });

  test('a failed save keeps the input and retries with the same client id', async () => {
    send.mockResolvedValueOnce({ ok: false, error: { kind: 'network', message: "Can't reach the Readclub server." } });
    send.mockResolvedValueOnce({ ok: true, value: { item_id: 'i1', created: true, queued: false, comment_id: 'c1' } });
    const onSaved = vi.fn();
    render(<ClipForm clip={article} group={circle} onSaved={onSaved} />);
    fireEvent.input(input('Tags'), { target: { value: 'leadership, #teams,' } });
    fireEvent.input(input('Comment'), { target: { value: '  Worth an hour.  ' } });
    fireEvent.click(input('Queue for discussion'));
    fireEvent.click(screen.getByRole('button', { name: 'Save to Thursday Circle' }));

    expect((await screen.findByRole('alert')).textContent).toMatch(/Can't reach/);
    expect(input('Tags').value).toBe('leadership, #teams,');
    expect(input('Comment').value).toBe('  Worth an hour.  ');
    expect(input('Queue for discussion').checked).toBe(false);
    fireEvent.click(screen.getByRole('button', { name: 'Try again' }));
    await waitFor(() => expect(onSaved).toHaveBeenCalledWith(expect.objectContaining({ item_id: 'i1' }), circle, article.title));

    const [first, second] = send.mock.calls.map((call) => call[1]);
    expect(first).toEqual({
      p_client_id: expect.any(String),
      p_group_id: 'g1',
      p_clip: article,
      p_tags: ['leadership', 'teams'],
      p_comment: 'Worth an hour.',
      p_queue: false,
    });
    expect(second.p_client_id).toBe(first.p_client_id);
    expect(await lastGroupId.getValue()).toBe('g1');
  });

  // Regression: a save whose session had ended sent the popup to sign-in and the clip was lost.
  test('a save kept in the outbox (session ended) says so instead of failing', async () => {
    send.mockResolvedValueOnce({
      ok: false,
      error: { kind: 'queued', message: 'Saved on this device. Readclub will send it after you sign in again.' },
    });
    const onSaved = vi.fn();
    render(<ClipForm clip={article} group={circle} onSaved={onSaved} />);
    fireEvent.input(input('Comment'), { target: { value: 'Keep me' } });
    fireEvent.click(screen.getByRole('button', { name: 'Save to Thursday Circle' }));
    const notice = await screen.findByRole('status');
    expect(notice.textContent).toContain('Kept for Thursday Circle');
    expect(notice.textContent).toContain('after you sign in again');
    expect(screen.queryByRole('alert')).toBeNull();
    expect(onSaved).not.toHaveBeenCalled();
    expect(send).toHaveBeenCalledWith('saveClip', expect.objectContaining({ p_comment: 'Keep me' }));
  });

  test('an empty comment is sent as null; a link card says "Save as link"', async () => {
    send.mockResolvedValue({ ok: true, value: { item_id: 'i1', created: true, queued: true, comment_id: null } });
    const onSaved = vi.fn();
    render(<ClipForm clip={videoCard} group={journal} onSaved={onSaved} />);
    fireEvent.click(screen.getByRole('button', { name: 'Save as link to Journal Club' }));
    await waitFor(() => expect(onSaved).toHaveBeenCalledWith(expect.anything(), journal, videoCard.title));
    expect(send.mock.calls[0]![1]).toMatchObject({ p_group_id: 'g2', p_clip: videoCard, p_comment: null, p_tags: [], p_queue: true });
  });

  test('a problem stops the save, is said when tried, and goes when fixed', async () => {
    const { rerender } = render(
      <ClipForm clip={null} problem="Give it a title." group={circle} onSaved={vi.fn()} commentLabel="Note">
        <label for="extra">Title</label>
        <input id="extra" />
      </ClipForm>,
    );
    expect(screen.getByLabelText('Title')).toBeTruthy();
    expect(screen.getByLabelText('Note')).toBeTruthy();
    expect(screen.queryByRole('alert')).toBeNull();
    fireEvent.click(screen.getByRole('button', { name: 'Save to Thursday Circle' }));
    expect((await screen.findByRole('alert')).textContent).toBe('Give it a title.');
    expect(send).not.toHaveBeenCalled();
    rerender(<ClipForm clip={article} problem={null} group={circle} onSaved={vi.fn()} />);
    expect(screen.queryByRole('alert')).toBeNull();
    expect(screen.getByRole('button', { name: 'Save to Thursday Circle' })).toBeTruthy();
  });
});
