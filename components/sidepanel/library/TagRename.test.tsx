import { afterEach, beforeEach, describe, expect, test, vi } from 'vitest';
import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/preact';
import { resetProtocol, send } from '@/tests/support/protocol-mock';
import { TagRename } from './TagRename';

vi.mock('@/utils/shared/protocol', () => import('@/tests/support/protocol-mock'));
beforeEach(resetProtocol);
afterEach(cleanup);

describe('TagRename', () => {
  test('renaming into an existing tag is called a merge, and hands back the new name and count', async () => {
    send.mockResolvedValue({ ok: true, value: { tag: 'books', items: 3 } });
    const onRenamed = vi.fn();
    render(<TagRename groupId="g1" tag="book" others={['book', 'books']} onRenamed={onRenamed} />);
    fireEvent.input(screen.getByLabelText('Rename “book” to'), { target: { value: ' Books ' } });
    expect(screen.getByText('“books” exists: the two tags become one.')).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: 'Merge' }));
    await waitFor(() => expect(onRenamed).toHaveBeenCalledWith('books', 3));
    expect(send).toHaveBeenCalledWith('renameTag', { groupId: 'g1', from: 'book', to: 'books' });
  });

  test('an empty or HTML name is refused here; a refusal from the server is shown', async () => {
    send.mockResolvedValue({ ok: false, error: { kind: 'invalid', message: 'Only owners and admins can rename a tag.' } });
    render(<TagRename groupId="g1" tag="book" others={[]} onRenamed={vi.fn()} />);
    fireEvent.click(screen.getByRole('button', { name: 'Rename' }));
    expect((await screen.findByRole('alert')).textContent).toBe('Type the new name for the tag.');
    fireEvent.input(screen.getByLabelText('Rename “book” to'), { target: { value: '<i>x</i>' } });
    fireEvent.click(screen.getByRole('button', { name: 'Rename' }));
    expect((await screen.findByRole('alert')).textContent).toMatch(/plain text/);
    expect(send).not.toHaveBeenCalled();
    fireEvent.input(screen.getByLabelText('Rename “book” to'), { target: { value: 'novels' } });
    fireEvent.click(screen.getByRole('button', { name: 'Rename' }));
    expect((await screen.findByRole('alert')).textContent).toMatch(/Only owners and admins/);
  });
});
