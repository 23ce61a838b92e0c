import { afterEach, describe, expect, test, vi } from 'vitest';
import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/preact';
import { CommentForm } from './CommentForm';

afterEach(cleanup);

describe('CommentForm', () => {
  test('counts characters as you type, against 4,000', () => {
    render(<CommentForm id="f" label="Add a comment" submitLabel="Comment" onSend={vi.fn()} />);
    const box = screen.getByLabelText('Add a comment');
    expect(box.getAttribute('aria-describedby')).toBe('f-count');
    fireEvent.input(box, { target: { value: 'Hello' } });
    expect(document.getElementById('f-count')!.textContent).toBe('5 / 4,000');
  });

  test('an empty comment and a 100 KB comment are refused here with clear messages; the text stays', async () => {
    const onSend = vi.fn();
    render(<CommentForm id="f" label="Add a comment" submitLabel="Comment" onSend={onSend} />);
    fireEvent.click(screen.getByRole('button', { name: 'Comment' }));
    expect((await screen.findByRole('alert')).textContent).toBe('Write something first.');
    const huge = 'x'.repeat(102_400);
    fireEvent.input(screen.getByLabelText('Add a comment'), { target: { value: huge } });
    expect(document.getElementById('f-count')!.textContent).toBe('102,400 / 4,000 — too long');
    expect(document.getElementById('f-count')!.className).toBe('counter over');
    fireEvent.click(screen.getByRole('button', { name: 'Comment' }));
    expect((await screen.findByRole('alert')).textContent).toBe('A comment can be at most 4,000 characters; this one has 102,400.');
    expect(onSend).not.toHaveBeenCalled();
    expect((screen.getByLabelText('Add a comment') as HTMLTextAreaElement).value).toHaveLength(102_400);
  });

  test('exactly 4,000 characters are sent', async () => {
    const onSend = vi.fn().mockResolvedValue(null);
    render(<CommentForm id="f" label="Add a comment" submitLabel="Comment" onSend={onSend} />);
    fireEvent.input(screen.getByLabelText('Add a comment'), { target: { value: 'y'.repeat(4000) } });
    fireEvent.click(screen.getByRole('button', { name: 'Comment' }));
    await waitFor(() => expect(onSend).toHaveBeenCalledWith('y'.repeat(4000)));
  });
});
