// @vitest-environment jsdom
import { afterEach, beforeEach, describe, expect, test, vi } from 'vitest';
import axe from 'axe-core';
import { act, cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/preact';
import { answer, resetProtocol, send, sent } from '@/tests/support/protocol-mock';
import type { Highlight, ItemReader } from '@/utils/shared/api-types';
import { cachedAccount, cachedGroups, groupChangedAt } from '@/utils/shared/storage';
import { ada, groups } from '@/components/testing/fixtures';
import { ReaderView } from './ReaderView';

vi.mock('@/utils/shared/protocol', () => import('@/tests/support/protocol-mock'));
afterEach(cleanup);
beforeEach(async () => {
  resetProtocol();
  await cachedAccount.setValue(ada);
  await cachedGroups.setValue(groups);
});

const at = '2026-12-01T10:00:00Z';
const ben = { id: 'u-ben', display_name: 'Ben' };
const adaPerson = { id: 'u-ada', display_name: 'Ada' };
const html = '<p>Small groups <em>read</em> better than big ones.</p>\n<p>Circles meet weekly and talk about one essay.</p>';
const TEXT = 'Small groups read better than big ones.\nCircles meet weekly and talk about one essay.';
const onPassage: Highlight = {
  id: 'h1',
  item_id: 'i1',
  author: ben,
  exact: 'groups read better',
  prefix: 'Small ',
  suffix: ' than big ones.',
  start: 6,
  end: 24,
  body: 'The whole point.',
  created_at: at,
  updated_at: at,
  reply_count: 1,
  replies: [{ id: 'r1', body: 'Agreed, mostly.', author: adaPerson, created_at: at, updated_at: at, parent_id: null }],
};
const orphan: Highlight = {
  ...onPassage,
  id: 'h2',
  author: adaPerson,
  exact: 'A sentence the page no longer has in it at all',
  prefix: '',
  suffix: '',
  start: null,
  end: null,
  body: '',
  reply_count: 0,
  replies: [],
};
const copy: ItemReader = {
  id: 'i1',
  group_id: 'g1',
  kind: 'article',
  title: 'Reading Circles',
  url: 'https://example.org/circles',
  site_name: null,
  byline: null,
  published_at: null,
  lang: 'en',
  dir: 'ltr',
  excerpt: null,
  reading_minutes: 3,
  content_html: html,
  comments: [],
  highlights: [onPassage, orphan],
};

async function open() {
  answer('itemReader', copy);
  render(<ReaderView itemId="i1" onBack={vi.fn()} />);
  return screen.findByRole('region', { name: 'Article text' });
}
/** The text node and offset at `offset` in root's text. */
function pointAt(root: HTMLElement, offset: number): [Text, number] {
  const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
  for (let node = walker.nextNode() as Text | null; node; node = walker.nextNode() as Text | null) {
    if (offset <= node.data.length) return [node, offset];
    offset -= node.data.length;
  }
  throw new Error('offset past the end');
}
/** Selects root's text from the first `from` to the end of the `to` after it, as a member would. */
function select(root: HTMLElement, from: string, to: string) {
  const text = root.textContent!;
  expect(text).toBe(TEXT);
  const start = text.indexOf(from);
  const range = document.createRange();
  range.setStart(...pointAt(root, start));
  range.setEnd(...pointAt(root, text.indexOf(to, start) + to.length));
  const selection = document.getSelection()!;
  selection.removeAllRanges();
  selection.addRange(range);
  act(() => void document.dispatchEvent(new Event('selectionchange')));
}

describe('ReaderView highlights', () => {
  test('marks each passage, named for who marked it and its replies; an orphan is listed apart; no axe violations', async () => {
    const root = await open();
    const mark = within(root).getByRole('button', { name: /^Highlight by Ben, 1 reply: groups/ });
    expect(mark.tagName).toBe('MARK');
    expect(Array.from(root.querySelectorAll('mark[data-highlight-id="h1"]')).map((m) => m.textContent)).toEqual([
      'groups ',
      'read',
      ' better',
    ]);
    expect(root.textContent).toBe(TEXT);
    const orphans = screen.getByRole('region', { name: 'Passages no longer found in this copy' });
    expect(within(orphans).getByRole('button').textContent).toMatch(/A sentence the page no longer has/);
    expect(screen.getByRole('region', { name: 'Highlights' }).textContent).toMatch(/groups read better.*Ben · 1 reply/);
    const { violations } = await axe.run(document.body, { rules: { 'color-contrast': { enabled: false }, region: { enabled: false } } });
    expect(violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)).toEqual([]);
  });

  test('clicking a mark or Enter on it opens its thread: comment, replies, a reply goes to the highlight', async () => {
    const root = await open();
    fireEvent.click(root.querySelector('mark[data-highlight-id="h1"]')!);
    const thread = await screen.findByTestId('highlight-thread');
    expect(thread.textContent).toMatch(/Highlight by Ben.*groups read better.*The whole point\..*Agreed, mostly\./s);
    answer('addComment', { id: 'r2', body: 'Me too', author: adaPerson, created_at: at });
    fireEvent.input(within(thread).getByLabelText('Reply to this passage'), { target: { value: 'Me too' } });
    fireEvent.click(within(thread).getByRole('button', { name: 'Send reply' }));
    await waitFor(() => expect(sent('addComment')).toHaveLength(1));
    expect(sent('addComment')[0]).toMatchObject({ itemId: 'i1', body: 'Me too', highlightId: 'h1' });
    fireEvent.click(within(thread).getByRole('button', { name: 'Close the thread' }));
    expect(screen.queryByTestId('highlight-thread')).toBeNull();
    fireEvent.keyDown(within(root).getByRole('button', { name: /^Highlight by Ben/ }), { key: 'Enter' });
    expect(await screen.findByTestId('highlight-thread')).toBeTruthy();
  });

  test('a selection shows the Highlight button with a comment box; it sends the passage as a quote and position', async () => {
    const root = await open();
    expect(screen.queryByRole('button', { name: 'Highlight' })).toBeNull();
    select(root, ' than big', 'Circles meet');
    answer('addHighlight', { ...onPassage, id: 'h3' });
    fireEvent.input(screen.getByLabelText('Comment on this passage (optional)'), { target: { value: 'Why?' } });
    fireEvent.click(screen.getByRole('button', { name: 'Highlight' }));
    await waitFor(() => expect(sent('addHighlight')).toHaveLength(1));
    const start = TEXT.indexOf(' than big');
    expect(sent('addHighlight')[0]).toMatchObject({
      itemId: 'i1',
      body: 'Why?',
      target: {
        exact: ' than big ones.\nCircles meet',
        prefix: TEXT.slice(0, start),
        suffix: TEXT.slice(start + 28, start + 60),
        start,
        end: start + 28,
      },
    });
    expect(sent('addHighlight')[0]!.clientId).toMatch(/-/);
    await waitFor(() => expect(send).toHaveBeenCalledTimes(3)); // itemReader, addHighlight, itemReader again
  });

  test('keyboard: with a selection in the focused copy, H highlights it', async () => {
    const root = await open();
    root.focus();
    answer('addHighlight', { ...onPassage, id: 'h3' });
    fireEvent.keyDown(root, { key: 'h' });
    expect(sent('addHighlight')).toHaveLength(0); // nothing selected
    select(root, 'Small', 'Small');
    fireEvent.keyDown(root, { key: 'H', ctrlKey: true, shiftKey: true });
    await waitFor(() => expect(sent('addHighlight')).toHaveLength(1));
    expect(sent('addHighlight')[0]!.target).toMatchObject({ exact: 'Small', start: 0, end: 5, prefix: '' });
  });
});

test('a refresh that changes no highlight leaves the copy and a selection in it alone; a new reply count redraws the marks', async () => {
  const root = await open();
  const reads = () => sent('itemReader').length;
  const refresh = async (at: number, then: ItemReader) => {
    const before = reads();
    answer('itemReader', then);
    await act(() => groupChangedAt.setValue({ g1: at }));
    await waitFor(() => expect(reads()).toBe(before + 1));
  };
  await refresh(1, copy);
  select(root, 'Circles', 'weekly');
  const paragraph = root.querySelector('p');
  await refresh(2, { ...copy, highlights: copy.highlights.map((h) => ({ ...h })) });
  expect(root.querySelector('p')).toBe(paragraph);
  expect(document.getSelection()!.toString()).toBe('Circles meet weekly');
  await refresh(3, { ...copy, highlights: [{ ...onPassage, reply_count: 2 }, orphan] });
  await within(root).findByRole('button', { name: /^Highlight by Ben, 2 replies/ });
  expect(root.querySelector('p')).not.toBe(paragraph);
});
