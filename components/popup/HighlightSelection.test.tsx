import { afterEach, beforeEach, expect, test, vi } from 'vitest';
import { cleanup, fireEvent, render, screen } from '@testing-library/preact';
import { fail, reply, resetProtocol, sent } from '@/tests/support/protocol-mock';
import { HighlightSelection } from './HighlightSelection';

vi.mock('@/utils/shared/protocol', () => import('@/tests/support/protocol-mock'));
beforeEach(resetProtocol);
afterEach(cleanup);

const quote = { exact: 'Circles forgive it', prefix: 'nodding along. ', suffix: ', and forgiveness', start: 12, end: 30 };

test('offline: kept in the outbox, said so with where it will show if the copy lacks the words; sent by quote only', async () => {
  reply('addHighlight', { ok: false, error: { kind: 'queued', message: 'Kept for Thursday Circle: it will be sent later.' } });
  render(<HighlightSelection itemId="i1" groupName="Thursday Circle" quote={quote} />);
  fireEvent.click(screen.getByRole('button', { name: 'Highlight selection' }));
  expect((await screen.findByRole('status')).textContent).toMatch(
    /^Kept for Thursday Circle: .*“Passages no longer found in this copy”\.$/,
  );
  expect(sent('addHighlight')[0]).toMatchObject({ itemId: 'i1', body: '', target: { ...quote, start: null, end: null } });
});

test('a refusal says why and keeps the comment, and sending again is the same highlight (one client id)', async () => {
  fail('addHighlight', { kind: 'invalid', message: 'A comment can be at most 4,000 characters.' });
  render(<HighlightSelection itemId="i1" groupName="Thursday Circle" quote={quote} />);
  fireEvent.input(screen.getByLabelText('Comment on this passage (optional)'), { target: { value: 'Why?' } });
  fireEvent.click(screen.getByRole('button', { name: 'Highlight selection' }));
  expect((await screen.findByRole('alert')).textContent).toMatch(/at most 4,000/);
  expect((screen.getByLabelText('Comment on this passage (optional)') as HTMLTextAreaElement).value).toBe('Why?');
  fireEvent.click(screen.getByRole('button', { name: 'Highlight selection' }));
  await screen.findByRole('alert');
  await vi.waitFor(() => expect(sent('addHighlight')).toHaveLength(2));
  expect(sent('addHighlight')[0]!.clientId).toBe(sent('addHighlight')[1]!.clientId);
});
