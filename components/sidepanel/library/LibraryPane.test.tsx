import { afterEach, beforeEach, describe, expect, test, vi } from 'vitest';
import { cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/preact';
import { replies, reply, resetProtocol, send } from '@/tests/support/protocol-mock';
import { cachedGroups } from '@/utils/shared/storage';
import axe from 'axe-core';
import type { LibraryEntry, LibraryPage, SearchHit } from '@/utils/shared/api-types';
import { LibraryPane } from './LibraryPane';
import { groups } from '@/components/testing/fixtures';

vi.mock('@/utils/shared/protocol', () => import('@/tests/support/protocol-mock'));
const ada = { id: 'u-ada', display_name: 'Ada' };
const entry = (id: string, title: string, tags: string[], kind: LibraryEntry['kind'] = 'article'): LibraryEntry => ({
  item_id: id,
  kind,
  title,
  url: `https://example.org/${id}`,
  site_name: null,
  excerpt: null,
  added_by: ada,
  created_at: '2025-03-01T10:00:00Z',
  tags,
  comment_count: 1,
  reading_minutes: 4,
  queue_position: id === 'i1' ? 1 : null,
});
const all = [entry('i1', 'Quiet Leadership', ['essay']), entry('i2', 'Bridges', ['engineering'], 'link')];
/** A page as the server answers it: 50 from `offset`, and how many there are in all. */
const pageOf = <T extends LibraryEntry>(list: T[], offset = 0): { ok: true; value: LibraryPage<T> } => ({
  ok: true,
  value: { total: list.length, entries: list.slice(offset, offset + 50) },
});
const hit = (e: LibraryEntry, snippet: string | null = null): SearchHit => ({ ...e, rank: 1, snippet });

beforeEach(async () => {
  resetProtocol();
  replies(
    {
      groupTags: {
        ok: true,
        value: [
          { tag: 'essay', count: 1 },
          { tag: 'engineering', count: 1 },
        ],
      },
      groupLibrary: (data) => pageOf(data.tag ? all.filter((e) => e.tags.includes(data.tag!)) : all, data.offset),
      searchLibrary: (data) => pageOf(data.query === 'lead' ? [hit(all[0]!)] : [], data.offset),
      renameTag: { ok: true, value: { tag: 'essays', items: 1 } },
    },
    (name) => ({ ok: false, error: { kind: 'server', message: `unexpected ${name}` } }),
  );
  await cachedGroups.setValue(groups);
});
afterEach(cleanup);

describe('LibraryPane', () => {
  test('lists every item of the group; Read is offered for articles, and a click opens the discussion', async () => {
    const onOpen = vi.fn();
    render(<LibraryPane groupId="g1" onOpen={onOpen} />);
    expect(await screen.findAllByTestId('library-entry')).toHaveLength(2);
    expect(screen.getByRole('button', { name: 'Read Quiet Leadership' })).toBeTruthy();
    expect(screen.queryByRole('button', { name: 'Read Bridges' })).toBeNull();
    fireEvent.click(screen.getByRole('button', { name: '1 comment: Bridges' }));
    expect(onOpen).toHaveBeenCalledWith('i2');
  });

  test("filters by a tag chosen from the group's tags with counts", async () => {
    render(<LibraryPane groupId="g1" onOpen={vi.fn()} />);
    const select = (await screen.findByLabelText('Filter by tag')) as HTMLSelectElement;
    await waitFor(() => expect([...select.options].map((o) => o.text)).toEqual(['All tags', 'essay (1)', 'engineering (1)']));
    fireEvent.change(select, { target: { value: 'engineering' } });
    await waitFor(() => expect(screen.getAllByTestId('library-entry')).toHaveLength(1));
    expect(send).toHaveBeenCalledWith('groupLibrary', { groupId: 'g1', tag: 'engineering', offset: 0 });
  });

  test('searches, says how many were found, and an empty result says so', async () => {
    render(<LibraryPane groupId="g1" onOpen={vi.fn()} />);
    const box = await screen.findByRole('searchbox', { name: 'Search the library' });
    fireEvent.input(box, { target: { value: ' lead ' } });
    fireEvent.click(within(screen.getByRole('search')).getByRole('button', { name: 'Search' }));
    expect(await screen.findByText('1 found for “lead”')).toBeTruthy();
    expect(send).toHaveBeenCalledWith('searchLibrary', { groupId: 'g1', query: 'lead', tag: null, offset: 0 });
    fireEvent.input(box, { target: { value: 'zebra' } });
    fireEvent.click(within(screen.getByRole('search')).getByRole('button', { name: 'Search' }));
    expect((await screen.findByTestId('library-empty')).textContent).toBe('Nothing in the library matches “zebra”.');
  });

  test('while a new search runs the previous count is not shown as its count; a slower earlier answer does not win', async () => {
    const waiting: Array<(value: { ok: true; value: LibraryPage<SearchHit> }) => void> = [];
    reply('searchLibrary', () => new Promise((resolve) => waiting.push(resolve)));
    render(<LibraryPane groupId="g1" onOpen={vi.fn()} />);
    const box = await screen.findByRole('searchbox', { name: 'Search the library' });
    const search = (words: string) => {
      fireEvent.input(box, { target: { value: words } });
      fireEvent.click(within(screen.getByRole('search')).getByRole('button', { name: 'Search' }));
    };
    const status = () => screen.getAllByRole('status').map((s) => s.textContent);

    search('lead');
    await waitFor(() => expect(waiting).toHaveLength(1));
    waiting[0]!(pageOf([hit(all[0]!)]));
    expect(await screen.findByText('1 found for “lead”')).toBeTruthy();

    // "bridge" is on its way, then "quiet" overtakes it.
    search('bridge');
    await waitFor(() => expect(waiting).toHaveLength(2));
    expect(status()).toEqual(['Searching…']);
    search('quiet');
    await waitFor(() => expect(waiting).toHaveLength(3));
    expect(status()).toEqual(['Searching…']);
    waiting[2]!(pageOf([]));
    expect(await screen.findByText('0 found for “quiet”')).toBeTruthy();
    waiting[1]!(pageOf([hit(all[1]!)]));
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(status()).toEqual(['0 found for “quiet”']);
    expect(screen.queryByText('Bridges')).toBeNull();
  });

  test('an owner renames the chosen tag; a member is not offered it', async () => {
    render(<LibraryPane groupId="g1" onOpen={vi.fn()} />);
    const select = (await screen.findByLabelText('Filter by tag')) as HTMLSelectElement;
    await waitFor(() => expect(select.options.length).toBe(3));
    fireEvent.change(select, { target: { value: 'essay' } });
    fireEvent.input(await screen.findByLabelText('Rename “essay” to'), { target: { value: 'Essays' } });
    fireEvent.click(screen.getByRole('button', { name: 'Rename' }));
    expect((await screen.findByRole('status')).textContent).toBe('Renamed “essay” to “essays” on 1 item.');
    expect(send).toHaveBeenCalledWith('renameTag', { groupId: 'g1', from: 'essay', to: 'essays' });
    cleanup();
    render(<LibraryPane groupId="g2" onOpen={vi.fn()} />);
    const other = (await screen.findByLabelText('Filter by tag')) as HTMLSelectElement;
    await waitFor(() => expect(other.options.length).toBe(3));
    fireEvent.change(other, { target: { value: 'essay' } });
    await waitFor(() => expect(send).toHaveBeenCalledWith('groupLibrary', { groupId: 'g2', tag: 'essay', offset: 0 }));
    expect(screen.queryByLabelText('Rename “essay” to')).toBeNull();
  });

  test('a library of 120 items: 50 drawn, then 50 more per click from the server, to the last', async () => {
    const many = Array.from({ length: 120 }, (_, i) => entry(`n${i + 1}`, `Article ${i + 1}`, []));
    reply('groupLibrary', (data) => pageOf(many, data.offset));
    render(<LibraryPane groupId="g1" onOpen={vi.fn()} />);
    await waitFor(() => expect(screen.getAllByTestId('library-entry')).toHaveLength(50));
    for (let shown = 50; shown < 120; shown += 50) {
      const next = Math.min(50, 120 - shown);
      fireEvent.click(screen.getByRole('button', { name: `Show ${next} more items (${120 - shown} not shown)` }));
      await waitFor(() => expect(screen.getAllByTestId('library-entry')).toHaveLength(shown + next));
    }
    expect(send).toHaveBeenCalledWith('groupLibrary', { groupId: 'g1', tag: null, offset: 100 });
    expect(screen.getAllByTestId('library-entry').at(-1)!.textContent).toContain('Article 120');
    expect(screen.queryByRole('button', { name: /more items/ })).toBeNull();
  }, 30_000);

  test('search results show the passage with the words marked, page after page, filtered by tag on the server', async () => {
    const found = Array.from({ length: 70 }, (_, i) =>
      hit(entry(`s${i + 1}`, `River ${i + 1}`, ['essay']), `Down by the \u0002river\u0003 number ${i + 1}`),
    );
    reply('searchLibrary', (data) => pageOf(found, data.offset));
    render(<LibraryPane groupId="g1" onOpen={vi.fn()} />);
    const select = (await screen.findByLabelText('Filter by tag')) as HTMLSelectElement;
    await waitFor(() => expect(select.options.length).toBe(3));
    fireEvent.change(select, { target: { value: 'essay' } });
    fireEvent.input(await screen.findByRole('searchbox', { name: 'Search the library' }), { target: { value: 'river' } });
    fireEvent.click(within(screen.getByRole('search')).getByRole('button', { name: 'Search' }));
    expect(await screen.findByText('70 found for “river”')).toBeTruthy();
    expect(send).toHaveBeenCalledWith('searchLibrary', { groupId: 'g1', query: 'river', tag: 'essay', offset: 0 });
    const snippets = await screen.findAllByTestId('snippet');
    expect(snippets).toHaveLength(50);
    expect(snippets[0]!.textContent).toBe('Down by the river number 1');
    expect(snippets[0]!.querySelector('mark')!.textContent).toBe('river');
    fireEvent.click(screen.getByRole('button', { name: 'Show 20 more results (20 not shown)' }));
    await waitFor(() => expect(screen.getAllByTestId('snippet')).toHaveLength(70));
    expect(send).toHaveBeenCalledWith('searchLibrary', { groupId: 'g1', query: 'river', tag: 'essay', offset: 50 });
    const { violations } = await axe.run(document.body, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa'] } });
    expect(violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)).toEqual([]);
  }, 30_000);
});
