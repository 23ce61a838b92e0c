import { afterEach, beforeEach, describe, expect, test, vi, type Mock } from 'vitest';
import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/preact';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { sendMessage } from '@/utils/protocol';
import { cachedGroups, lastGroupId } from '@/utils/storage';
import { ClipFlow } from './ClipFlow';
import { article, groups } from './testing/fixtures';

vi.mock('@/utils/protocol', () => ({ sendMessage: vi.fn() }));
const send = sendMessage as unknown as Mock;
type Replies = Record<string, unknown>;
function answer(replies: Replies) {
  send.mockImplementation(async (name: string) => replies[name] ?? { ok: false, error: { kind: 'server', message: 'unexpected' } });
}

beforeEach(() => {
  fakeBrowser.reset();
  send.mockReset();
});
afterEach(cleanup);

describe('ClipFlow', () => {
  test('reads the tab named by tabId, previews it, and draws cached groups first', async () => {
    await cachedGroups.setValue(groups);
    await lastGroupId.setValue('g2');
    let resolveClip!: (value: unknown) => void;
    send.mockImplementation((name: string) =>
      name === 'clipTab' ? new Promise((r) => (resolveClip = r)) : new Promise(() => {}), // listGroups never answers
    );
    render(<ClipFlow tabId={7} />);
    expect(screen.getByRole('status').textContent).toBe('Reading this page…');
    expect(send).toHaveBeenCalledWith('clipTab', { tabId: 7 });
    resolveClip({ ok: true, value: { ok: true, clip: article } });
    expect((await screen.findByRole('heading')).textContent).toBe('Reading Circles at Work');
    expect(screen.getByText('Example Journal')).toBeTruthy();
    expect(screen.getByText('5 min read')).toBeTruthy();
    expect(screen.getByText(/small groups read better/)).toBeTruthy();
    expect(await screen.findByRole('button', { name: 'Save to Journal Club' })).toBeTruthy();
  });

  test('saving shows where it went, and when it was already there', async () => {
    answer({
      clipTab: { ok: true, value: { ok: true, clip: article } },
      listGroups: { ok: true, value: groups },
      saveClip: { ok: true, value: { item_id: 'i1', created: false, queued: true, comment_id: null } },
    });
    render(<ClipFlow />);
    fireEvent.click(await screen.findByRole('button', { name: 'Save to Thursday Circle' }));
    expect(await screen.findByText('Saved to Thursday Circle')).toBeTruthy();
    expect(screen.getByText(/already in the library — added your tags\/comment/)).toBeTruthy();
    expect(screen.getByRole('button', { name: 'Open queue' })).toBeTruthy();
  });

  test('an unclippable page says why and can be saved as a link', async () => {
    answer({
      clipTab: { ok: true, value: { ok: false, url: 'https://example.org/app', title: 'The App',
        error: { kind: 'unclippable', message: 'Readclub could not find an article on this page.' } } },
      listGroups: { ok: true, value: groups },
      saveClip: { ok: true, value: { item_id: 'i9', created: true, queued: true, comment_id: null } },
    });
    render(<ClipFlow />);
    expect((await screen.findByRole('alert')).textContent).toMatch(/could not find an article/);
    fireEvent.click(screen.getByRole('button', { name: 'Save as link' }));
    expect((await screen.findByRole('heading')).textContent).toBe('The App');
    expect(screen.getByText('Link only')).toBeTruthy();
    fireEvent.click(await screen.findByRole('button', { name: 'Save to Thursday Circle' }));
    await waitFor(() => expect(send).toHaveBeenCalledWith('saveClip', expect.anything()));
    const args = send.mock.calls.find((call) => call[0] === 'saveClip')![1];
    expect(args.p_clip).toMatchObject({ kind: 'link', url: 'https://example.org/app', title: 'The App', text_length: 0, content_html: null });
  });

  test('no link to offer when the page has no url', async () => {
    answer({
      clipTab: { ok: true, value: { ok: false, url: null, title: null, error: { kind: 'unclippable', message: 'Browser pages cannot be clipped.' } } },
      listGroups: { ok: true, value: groups },
    });
    render(<ClipFlow />);
    expect((await screen.findByRole('alert')).textContent).toMatch(/cannot be clipped/);
    expect(screen.queryByRole('button', { name: 'Save as link' })).toBeNull();
  });

  test('with no groups yet, points to Options', async () => {
    answer({ clipTab: { ok: true, value: { ok: true, clip: article } }, listGroups: { ok: true, value: [] } });
    const open = vi.spyOn(fakeBrowser.runtime, 'openOptionsPage').mockResolvedValue(undefined);
    render(<ClipFlow />);
    fireEvent.click(await screen.findByRole('button', { name: 'Open Options' }));
    expect(screen.getByText(/not in a reading group yet/)).toBeTruthy();
    expect(open).toHaveBeenCalled();
  });
});
