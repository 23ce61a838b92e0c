import { afterEach, beforeEach, describe, expect, test, vi } from 'vitest';
import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/preact';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { replies, resetProtocol, send } from '@/tests/support/protocol-mock';
import { EMPTY_CLIP } from '@/utils/shared/link-clip';
import { ManualEntry } from './ManualEntry';
import { groups } from '@/components/testing/fixtures';

vi.mock('@/utils/shared/protocol', () => import('@/tests/support/protocol-mock'));
const type = (label: string, value: string) => fireEvent.input(screen.getByLabelText(label), { target: { value } });
beforeEach(() => {
  fakeBrowser.reset();
  resetProtocol();
  replies(
    { listGroups: { ok: true, value: groups } },
    { ok: true, value: { item_id: 'i3', created: true, queued: true, comment_id: 'c3' } },
  );
});
afterEach(cleanup);

describe('ManualEntry', () => {
  test('a book: title, author, no link, the note as its comment, tags, queued, to the group picked', async () => {
    const onSaved = vi.fn();
    render(<ManualEntry onSaved={onSaved} onBack={vi.fn()} />);
    expect(screen.getByRole('region', { name: 'Add a book or print article' })).toBeTruthy();
    expect(screen.getByRole('heading', { name: 'Add a book or print article' })).toBeTruthy();
    fireEvent.change(await screen.findByLabelText('Group'), { target: { value: 'g2' } });
    expect(screen.getByLabelText('Title').getAttribute('aria-required')).toBe('true');
    type('Title', 'The Overstory');
    type('Author', 'Richard Powers');
    type('Note', 'For the summer meeting.');
    type('Tags', 'fiction, trees');
    fireEvent.click(screen.getByRole('button', { name: 'Save to Journal Club' }));
    await waitFor(() => expect(onSaved).toHaveBeenCalledWith(expect.objectContaining({ item_id: 'i3' }), groups[1], 'The Overstory'));
    expect(send.mock.calls.find((call) => call[0] === 'saveClip')![1]).toMatchObject({
      p_group_id: 'g2',
      p_clip: { ...EMPTY_CLIP, kind: 'manual', url: null, title: 'The Overstory', byline: 'Richard Powers', authors: ['Richard Powers'] },
      p_comment: 'For the summer meeting.',
      p_tags: ['fiction', 'trees'],
      p_queue: true,
    });
  });

  test('a title is required and a link must be a web address; nothing is sent until both hold', async () => {
    render(<ManualEntry onSaved={vi.fn()} onBack={vi.fn()} />);
    const save = await screen.findByRole('button', { name: 'Save to Thursday Circle' });
    type('Link (optional)', 'paper.example/issue-4');
    fireEvent.click(save);
    expect((await screen.findByRole('alert')).textContent).toBe('Give it a title.');
    type('Title', 'Print piece');
    await waitFor(() => expect(screen.getByRole('alert').textContent).toMatch(/must be a web address/));
    type('Link (optional)', 'https://paper.example/issue-4');
    await waitFor(() => expect(screen.queryByRole('alert')).toBeNull());
    expect(send).not.toHaveBeenCalledWith('saveClip', expect.anything());
    fireEvent.click(screen.getByRole('button', { name: 'Save to Thursday Circle' }));
    await waitFor(() =>
      expect(send).toHaveBeenCalledWith(
        'saveClip',
        expect.objectContaining({
          p_clip: expect.objectContaining({ kind: 'manual', url: 'https://paper.example/issue-4' }),
        }),
      ),
    );
  });

  test('Back returns to the page', async () => {
    const onBack = vi.fn();
    render(<ManualEntry onSaved={vi.fn()} onBack={onBack} />);
    fireEvent.click(screen.getByRole('button', { name: /Back to this page/ }));
    expect(onBack).toHaveBeenCalled();
  });
});
