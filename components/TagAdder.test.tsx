import { afterEach, beforeEach, describe, expect, test, vi, type Mock } from 'vitest';
import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/preact';
import { sendMessage } from '@/utils/protocol';
import { TagAdder } from './TagAdder';

vi.mock('@/utils/protocol', () => ({ sendMessage: vi.fn() }));
const send = sendMessage as unknown as Mock;
beforeEach(() => {
  send.mockReset();
});
afterEach(cleanup);

describe('TagAdder', () => {
  test('a labelled field; adds the parsed tags and hands back all of them', async () => {
    send.mockResolvedValue({ ok: true, value: ['focus', 'leadership'] });
    const onTagged = vi.fn();
    render(<TagAdder itemId="i1" onTagged={onTagged} />);
    const field = screen.getByLabelText('Add tags') as HTMLInputElement;
    expect(field.getAttribute('aria-describedby')).toBe('add-tags-hint');
    fireEvent.input(field, { target: { value: ' #focus, ,' } });
    fireEvent.click(screen.getByRole('button', { name: 'Add tags' }));
    await waitFor(() => expect(onTagged).toHaveBeenCalledWith(['focus', 'leadership']));
    expect(send).toHaveBeenCalledWith('tagItem', { itemId: 'i1', tags: ['focus'] });
    expect(field.value).toBe('');
  });

  test('nothing typed, nothing sent; a failure says why and keeps the text', async () => {
    send.mockResolvedValue({ ok: false, error: { kind: 'network', message: "Can't reach the Readclub server." } });
    render(<TagAdder itemId="i1" onTagged={vi.fn()} />);
    fireEvent.click(screen.getByRole('button', { name: 'Add tags' }));
    expect(send).not.toHaveBeenCalled();
    fireEvent.input(screen.getByLabelText('Add tags'), { target: { value: 'focus' } });
    fireEvent.click(screen.getByRole('button', { name: 'Add tags' }));
    expect((await screen.findByRole('alert')).textContent).toMatch(/Can't reach/);
    expect((screen.getByLabelText('Add tags') as HTMLInputElement).value).toBe('focus');
  });
});
