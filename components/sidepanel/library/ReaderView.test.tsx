// @vitest-environment jsdom
import { afterEach, beforeEach, describe, expect, test, vi } from 'vitest';
import { cleanup, fireEvent, render, screen } from '@testing-library/preact';
import { resetProtocol, send } from '@/tests/support/protocol-mock';
import type { ItemReader } from '@/utils/shared/api-types';
import { ReaderView } from './ReaderView';

vi.mock('@/utils/shared/protocol', () => import('@/tests/support/protocol-mock'));
beforeEach(resetProtocol);
afterEach(cleanup);

const copy: ItemReader = {
  id: 'i1',
  group_id: 'g1',
  kind: 'article',
  title: 'Reading Circles at Work',
  url: 'https://example.org/reading-circles',
  site_name: 'Example Journal',
  byline: 'Grace H.',
  published_at: '2025-02-27T09:00:00Z',
  lang: 'de',
  dir: 'ltr',
  excerpt: null,
  reading_minutes: 5,
  content_html:
    '<p>Small groups <em>read</em> better.</p><img src="https://img.example.org/a.png" alt="A chart" onerror="alert(1)">' +
    '<script>alert(2)</script><a href="javascript:alert(3)">bad</a><a href="https://example.org/more">more</a>',
  comments: [{ id: 'c1', body: 'Section two!', author: { id: 'u-ben', display_name: 'Ben' }, created_at: '2025-03-01T10:00:00Z' }],
  highlights: [],
};

describe('ReaderView', () => {
  test('shows the clipped copy sanitised again: no scripts, handlers or javascript: links; images stay remote', async () => {
    send.mockResolvedValue({ ok: true, value: copy });
    render(<ReaderView itemId="i1" onBack={vi.fn()} />);
    const content = await screen.findByTestId('reader-content');
    expect(send).toHaveBeenCalledWith('itemReader', { itemId: 'i1' });
    expect(content.textContent).toMatch(/Small groups read better\./);
    expect(content.querySelector('script')).toBeNull();
    expect(content.querySelector('[onerror]')).toBeNull();
    expect(content.querySelector('img')!.getAttribute('src')).toBe('https://img.example.org/a.png');
    expect([...content.querySelectorAll('a')].map((a) => a.getAttribute('href'))).not.toContain('javascript:alert(3)');
    expect(screen.getByRole('article', { name: 'Clipped copy' }).getAttribute('lang')).toBe('de');
  });

  test('its comments are below it, and a link in the copy opens in a new tab', async () => {
    send.mockResolvedValue({ ok: true, value: copy });
    const open = vi.spyOn(window, 'open').mockReturnValue(null);
    render(<ReaderView itemId="i1" onBack={vi.fn()} />);
    expect((await screen.findAllByTestId('comment'))[0]!.textContent).toMatch(/Section two!/);
    fireEvent.click(screen.getByRole('link', { name: 'more' }));
    expect(open).toHaveBeenCalledWith('https://example.org/more', '_blank', 'noopener,noreferrer');
  });

  test('a link card has no copy, and says so; a failure says why', async () => {
    send.mockResolvedValueOnce({ ok: true, value: { ...copy, kind: 'link', content_html: null } });
    render(<ReaderView itemId="i1" onBack={vi.fn()} />);
    expect(await screen.findByText(/no clipped copy of this link/)).toBeTruthy();
    cleanup();
    send.mockResolvedValueOnce({ ok: false, error: { kind: 'invalid', message: 'That article is no longer in the library.' } });
    render(<ReaderView itemId="i1" onBack={vi.fn()} />);
    expect((await screen.findByRole('alert')).textContent).toMatch(/no longer in the library/);
  });
});
