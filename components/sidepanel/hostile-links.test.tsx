// @vitest-environment jsdom
/**
 * A hostile (or changed, or old) backend answers with `javascript:` and `data:` addresses:
 * nothing in the extension turns them into a link. Every item/page link goes through
 * WebLink (utils/ui/links.ts webHref).
 */
import { afterEach, beforeEach, describe, expect, test, vi, type Mock } from 'vitest';
import { cleanup, render, screen } from '@testing-library/preact';
import { sendMessage } from '@/utils/shared/protocol';
import type { ItemReader, LibraryEntry } from '@/utils/shared/api-types';
import { ItemDetailView } from './library/ItemDetailView';
import { LibraryList } from './library/LibraryList';
import { QueueList } from './queue/QueueList';
import { ReaderView } from './library/ReaderView';
import { WebLink } from '@/components/common/WebLink';
import { detail, queue } from '@/components/testing/fixtures';

vi.mock('@/utils/shared/protocol', () => ({ sendMessage: vi.fn() }));
const send = sendMessage as unknown as Mock;
beforeEach(() => send.mockReset());
afterEach(cleanup);

const HOSTILE = ['javascript:alert(document.cookie)', ' JavaScript:alert(1)', 'data:text/html,<script>alert(1)</script>', 'vbscript:x'];

/** Every href in the document: none may be anything but http(s). */
function hrefs(): string[] {
  return [...document.querySelectorAll('a[href]')].map((a) => a.getAttribute('href')!);
}
function expectOnlyWebLinks() {
  for (const href of hrefs()) expect(href).toMatch(/^https?:\/\//);
}

describe.each(HOSTILE)('a backend answering the address %s', (url) => {
  test('WebLink shows the text without a link', () => {
    render(<WebLink url={url}>Title</WebLink>);
    expect(screen.getByText('Title').tagName).toBe('SPAN');
    expect(hrefs()).toEqual([]);
  });

  test('the library lists the item without a link', () => {
    const entry: LibraryEntry = {
      item_id: 'i1',
      kind: 'article',
      title: 'Evil essay',
      url,
      site_name: null,
      excerpt: null,
      added_by: { id: 'u', display_name: 'Eve' },
      created_at: '2025-03-01T10:00:00Z',
      tags: [],
      comment_count: 0,
      reading_minutes: 4,
      queue_position: null,
    };
    render(<LibraryList entries={[entry]} empty="" onOpen={vi.fn()} onRead={vi.fn()} />);
    expect(screen.getByText('Evil essay')).toBeTruthy();
    expect(hrefs()).toEqual([]);
  });

  test('the queue lists the item without a link', () => {
    render(<QueueList entries={[{ ...queue.queue[0]!, url, title: 'Evil essay' }]} onOpen={vi.fn()} />);
    expect(screen.getByText('Evil essay')).toBeTruthy();
    expectOnlyWebLinks();
    expect(hrefs()).not.toContain(url);
  });

  test('the item view shows the title without a link', async () => {
    send.mockResolvedValue({ ok: true, value: { ...detail, item: { ...detail.item, url, title: 'Evil essay' } } });
    render(<ItemDetailView itemId="i1" onBack={vi.fn()} />);
    expect(await screen.findByRole('heading', { name: 'Evil essay' })).toBeTruthy();
    expect(screen.queryByRole('link', { name: 'Evil essay' })).toBeNull();
    expectOnlyWebLinks();
  });

  test('the reader view offers no "Open the page" link', async () => {
    const copy: ItemReader = {
      id: 'i1',
      group_id: 'g1',
      kind: 'article',
      title: 'Evil essay',
      url,
      site_name: null,
      byline: null,
      published_at: null,
      lang: null,
      dir: null,
      excerpt: null,
      reading_minutes: 1,
      content_html: '<p>Text.</p>',
      comments: [],
      highlights: [],
    };
    send.mockResolvedValue({ ok: true, value: copy });
    render(<ReaderView itemId="i1" onBack={vi.fn()} />);
    await screen.findByTestId('reader-content');
    expect(screen.queryByRole('link', { name: 'Open the page' })).toBeNull();
    expectOnlyWebLinks();
  });
});
