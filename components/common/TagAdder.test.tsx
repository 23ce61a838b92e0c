import { afterEach, beforeEach, describe, expect, test, vi } from 'vitest';
import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/preact';
import { resetProtocol, send } from '@/tests/support/protocol-mock';
import { TagAdder } from './TagAdder';

vi.mock('@/utils/shared/protocol', () => import('@/tests/support/protocol-mock'));
beforeEach(() => {
  resetProtocol();
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

describe("TagAdder with the group's tags", () => {
  test("suggests the group's tags with counts as you type, and a click completes the tag", async () => {
    send.mockImplementation(async (name: string) =>
      name === 'groupTags'
        ? {
            ok: true,
            value: [
              { tag: 'essay', count: 3 },
              { tag: 'economics', count: 1 },
              { tag: 'leadership', count: 2 },
            ],
          }
        : { ok: true, value: ['essay', 'leadership'] },
    );
    const onTagged = vi.fn();
    render(<TagAdder itemId="i1" groupId="g1" tags={['leadership']} onTagged={onTagged} />);
    await waitFor(() => expect(send).toHaveBeenCalledWith('groupTags', { groupId: 'g1' }));
    const field = screen.getByLabelText('Add tags') as HTMLInputElement;
    fireEvent.input(field, { target: { value: 'es' } });
    const list = await screen.findByRole('list', { name: 'Tags in this group' });
    expect(list.textContent).toBe('essay (3)');
    fireEvent.click(screen.getByRole('button', { name: 'essay (3)' }));
    expect(field.value).toBe('essay, ');
    fireEvent.input(field, { target: { value: 'e' } });
    // Tags the item already has are not offered again.
    expect(screen.getByRole('list', { name: 'Tags in this group' }).textContent).toBe('essay (3)economics (1)');
    fireEvent.input(field, { target: { value: 'Essay' } });
    fireEvent.click(screen.getByRole('button', { name: 'Add tags' }));
    await waitFor(() => expect(onTagged).toHaveBeenCalledWith(['essay', 'leadership']));
    expect(send).toHaveBeenCalledWith('tagItem', { itemId: 'i1', tags: ['essay'] });
  });

  test('an HTML tag, a 41-character tag and 1,000 tags are refused here with the reason, nothing sent', async () => {
    render(<TagAdder itemId="i1" onTagged={vi.fn()} />);
    const field = screen.getByLabelText('Add tags');
    const tries: Array<[string, RegExp]> = [
      ['<b>bold</b>', /plain text: it cannot contain < or >/],
      ['x'.repeat(41), /at most 40 characters/],
      [Array.from({ length: 1000 }, (_, n) => `t${n}`).join(','), /at most 20 tags/],
    ];
    for (const [value, message] of tries) {
      fireEvent.input(field, { target: { value } });
      fireEvent.click(screen.getByRole('button', { name: 'Add tags' }));
      expect((await screen.findByRole('alert')).textContent).toMatch(message);
    }
    expect(send).not.toHaveBeenCalled();
  });
});
