import { afterEach, beforeEach, describe, expect, test, vi, type Mock } from 'vitest';
import { cleanup, render, screen } from '@testing-library/preact';
import { sendMessage } from '@/utils/shared/protocol';
import { lookupUrl, useExistingItem } from './existing';

vi.mock('@/utils/shared/protocol', () => ({ sendMessage: vi.fn() }));
const send = sendMessage as unknown as Mock;
// A block, not an arrow returning the mock: vitest would call a returned function as cleanup.
beforeEach(() => {
  send.mockReset();
});
afterEach(cleanup);

describe('lookupUrl', () => {
  test('the canonical URL when the page gives a usable one, else the page', () => {
    expect(lookupUrl({ url: 'https://a.example/x?utm_source=y', canonical_url: 'https://a.example/x' })).toBe('https://a.example/x');
    expect(lookupUrl({ url: 'https://a.example/x', canonical_url: null })).toBe('https://a.example/x');
    expect(lookupUrl({ url: 'https://a.example/x', canonical_url: '/relative' })).toBe('https://a.example/x');
    expect(lookupUrl({ url: null, canonical_url: null })).toBeNull();
  });

  test('a canonical pointing at the home page does not stand for another page (as preferred_url)', () => {
    expect(lookupUrl({ url: 'https://a.example/story', canonical_url: 'https://a.example/' })).toBe('https://a.example/story');
    expect(lookupUrl({ url: 'https://a.example/?ref=x', canonical_url: 'https://a.example/' })).toBe('https://a.example/');
  });
});

function Probe({ groupId, url }: { groupId: string; url: string | null }) {
  const existing = useExistingItem(groupId, url);
  return <p>{existing.state === 'found' ? existing.detail.item.title : existing.state}</p>;
}
const found = (title: string) => ({ ok: true, value: { item: { title } } });

describe('useExistingItem', () => {
  test('asks per group, and a late answer for the previous group is dropped', async () => {
    let answerG1!: (value: unknown) => void;
    send.mockImplementation((_name: string, data: { groupId: string }) =>
      data.groupId === 'g1' ? new Promise((r) => (answerG1 = r)) : Promise.resolve(found('In g2')),
    );
    const { rerender } = render(<Probe groupId="g1" url="https://a.example/x" />);
    expect(screen.getByText('looking')).toBeTruthy();
    rerender(<Probe groupId="g2" url="https://a.example/x" />);
    expect(await screen.findByText('In g2')).toBeTruthy();
    answerG1(found('In g1'));
    await new Promise((r) => setTimeout(r, 10));
    expect(screen.getByText('In g2')).toBeTruthy();
    expect(send.mock.calls.map((call) => call.slice(0, 2))).toEqual([
      ['findItem', { groupId: 'g1', url: 'https://a.example/x' }],
      ['findItem', { groupId: 'g2', url: 'https://a.example/x' }],
    ]);
  });

  test('not found, or a failed lookup, is "none"; no address, no question', async () => {
    send.mockResolvedValueOnce({ ok: true, value: null });
    const { rerender } = render(<Probe groupId="g1" url="https://a.example/x" />);
    expect(await screen.findByText('none')).toBeTruthy();
    send.mockResolvedValueOnce({ ok: false, error: { kind: 'network', message: 'offline' } });
    rerender(<Probe groupId="g2" url="https://a.example/x" />);
    expect(await screen.findByText('none')).toBeTruthy();
    rerender(<Probe groupId="g2" url={null} />);
    expect(screen.getByText('none')).toBeTruthy();
    expect(send).toHaveBeenCalledTimes(2);
  });
});
