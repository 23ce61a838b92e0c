import { afterEach, beforeEach, describe, expect, test, vi } from 'vitest';
import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/preact';
import { resetProtocol, send } from '@/tests/support/protocol-mock';
import { TagEditor } from './TagEditor';

vi.mock('@/utils/shared/protocol', () => import('@/tests/support/protocol-mock'));
beforeEach(resetProtocol);
afterEach(cleanup);

describe('TagEditor', () => {
  test('each tag has a labelled remove button that untags the item and hands back the rest', async () => {
    send.mockImplementation(async (name: string) => (name === 'untagItem' ? { ok: true, value: ['focus'] } : { ok: true, value: [] }));
    const onChange = vi.fn();
    render(<TagEditor itemId="i1" groupId="g1" tags={['focus', 'leadership']} onChange={onChange} />);
    fireEvent.click(screen.getByRole('button', { name: 'Remove tag leadership' }));
    await waitFor(() => expect(onChange).toHaveBeenCalledWith(['focus']));
    expect(send).toHaveBeenCalledWith('untagItem', { itemId: 'i1', tag: 'leadership' });
  });

  test('a refused removal says why and keeps the tags', async () => {
    send.mockImplementation(async (name: string) =>
      name === 'untagItem'
        ? { ok: false, error: { kind: 'network', message: "Can't reach the Readclub server." } }
        : { ok: true, value: [] },
    );
    const onChange = vi.fn();
    render(<TagEditor itemId="i1" groupId="g1" tags={['focus']} onChange={onChange} />);
    fireEvent.click(screen.getByRole('button', { name: 'Remove tag focus' }));
    expect((await screen.findByRole('alert')).textContent).toMatch(/Can't reach/);
    expect(onChange).not.toHaveBeenCalled();
  });

  // Regression (outbox): removing a tag offline was only an error.
  test('a removal kept in the outbox shows the tag gone and says it waits', async () => {
    send.mockImplementation(async (name: string) =>
      name === 'untagItem'
        ? { ok: false, error: { kind: 'queued', message: 'Saved on this device. Readclub will send it when it can reach the server.' } }
        : { ok: true, value: [] },
    );
    const onChange = vi.fn();
    render(<TagEditor itemId="i1" groupId="g1" tags={['focus', 'leadership']} onChange={onChange} />);
    fireEvent.click(screen.getByRole('button', { name: 'Remove tag focus' }));
    expect((await screen.findByRole('alert')).textContent).toMatch(/Saved on this device/);
    expect(onChange).toHaveBeenCalledWith(['leadership']);
  });
});
