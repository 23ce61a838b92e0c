import { afterEach, beforeEach, describe, expect, test, vi } from 'vitest';
import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/preact';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { replies, resetProtocol, send } from '@/tests/support/protocol-mock';
import { ClipTarget } from './ClipTarget';
import { article, detail, groups } from '@/components/testing/fixtures';

vi.mock('@/utils/shared/protocol', () => import('@/tests/support/protocol-mock'));
beforeEach(() => {
  fakeBrowser.reset();
  resetProtocol();
});
afterEach(cleanup);
const canonical = {
  ...article,
  url: 'https://example.org/reading-circles?utm_source=feed',
  canonical_url: 'https://example.org/reading-circles',
};

describe('ClipTarget', () => {
  test('the page already in the chosen group opens that item; another group gets a new clip', async () => {
    replies(
      { findItem: (data) => ({ ok: true, value: data.groupId === 'g1' ? detail : null }) },
      { ok: false, error: { kind: 'server', message: 'x' } },
    );
    render(<ClipTarget clip={canonical} groups={groups} initialGroupId="g1" preview={<p>The preview</p>} onSaved={vi.fn()} />);
    expect(screen.getByText('The preview')).toBeTruthy(); // while looking, the new-clip form stays usable
    expect(await screen.findByRole('article', { name: 'Already saved' })).toBeTruthy();
    expect(screen.queryByText('The preview')).toBeNull();
    expect(screen.queryByRole('button', { name: /^Save to/ })).toBeNull();
    expect(send).toHaveBeenCalledWith('findItem', { groupId: 'g1', url: 'https://example.org/reading-circles' });

    fireEvent.change(screen.getByLabelText('Group'), { target: { value: 'g2' } });
    expect(await screen.findByRole('button', { name: 'Save to Journal Club' })).toBeTruthy();
    expect(screen.getByText('The preview')).toBeTruthy();
    expect(screen.queryByRole('article', { name: 'Already saved' })).toBeNull();
    await waitFor(() => expect(send).toHaveBeenCalledWith('findItem', { groupId: 'g2', url: 'https://example.org/reading-circles' }));
  });

  test('deleting the saved item from the popup turns it back into a new clip', async () => {
    replies({ findItem: { ok: true, value: { ...detail, can_delete: true } } }, { ok: true, value: null });
    render(<ClipTarget clip={canonical} groups={groups} initialGroupId="g1" preview={<p>The preview</p>} onSaved={vi.fn()} />);
    fireEvent.click(await screen.findByRole('button', { name: 'Delete from library' }));
    fireEvent.click(screen.getByRole('button', { name: 'Delete it' }));
    expect((await screen.findByRole('status')).textContent).toBe('Deleted from the library.');
    expect(screen.queryByRole('article', { name: 'Already saved' })).toBeNull();
    expect(screen.getByRole('button', { name: 'Save to Thursday Circle' })).toBeTruthy();
    expect(send).toHaveBeenCalledWith('deleteItem', { itemId: 'i1', groupId: 'g1' });
  });
});
