import { afterEach, beforeEach, describe, expect, test, vi } from 'vitest';
import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/preact';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { replies, resetProtocol, send } from '@/tests/support/protocol-mock';
import { cachedGroups, lastGroupId } from '@/utils/shared/storage';
import { ClipFlow } from './ClipFlow';
import { article, detail, groups, selection, videoCard, videoError } from '@/components/testing/fixtures';

vi.mock('@/utils/shared/protocol', () => import('@/tests/support/protocol-mock'));
/** These messages answered, any other refused as unexpected. */
const answer = (map: Parameters<typeof replies>[0]) => replies(map, { ok: false, error: { kind: 'server', message: 'unexpected' } });
const notFound = { ok: true, value: null } as const;
const savedNew = { ok: true, value: { item_id: 'i9', created: true, queued: true, comment_id: null } } as const;
const savedClip = () => send.mock.calls.find((call) => call[0] === 'saveClip')![1];

beforeEach(() => {
  fakeBrowser.reset();
  resetProtocol();
});
afterEach(cleanup);

describe('ClipFlow', () => {
  test('reads the tab named by tabId, previews it, and draws cached groups first', async () => {
    await cachedGroups.setValue(groups);
    await lastGroupId.setValue('g2');
    let resolveClip!: (value: unknown) => void;
    send.mockImplementation(
      (name: string) => (name === 'clipTab' ? new Promise((r) => (resolveClip = r)) : new Promise(() => {})), // nothing else answers
    );
    render(<ClipFlow tabId={7} />);
    expect(screen.getByRole('status').textContent).toBe('Reading this page…');
    expect(send).toHaveBeenCalledWith('clipTab', { tabId: 7 });
    resolveClip({ ok: true, value: { ok: true, clip: article, selection: null } });
    expect((await screen.findByRole('heading')).textContent).toBe('Reading Circles at Work');
    expect(screen.getByText('Example Journal')).toBeTruthy();
    expect(screen.getByText('5 min read')).toBeTruthy();
    expect(screen.getByText(/small groups read better/)).toBeTruthy();
    expect(screen.queryByLabelText('Clip selection only')).toBeNull();
    expect(await screen.findByRole('button', { name: 'Save to Journal Club' })).toBeTruthy();
    await waitFor(() => expect(send).toHaveBeenCalledWith('findItem', { groupId: 'g2', url: article.url }));
  });

  test('with a selection, "Clip selection only" is ticked and saves the selection; unticked, the page', async () => {
    answer({
      clipTab: { ok: true, value: { ok: true, clip: article, selection } },
      listGroups: { ok: true, value: groups },
      findItem: notFound,
      saveClip: savedNew,
    });
    render(<ClipFlow />);
    fireEvent.input(await screen.findByLabelText('Tags'), { target: { value: 'focus' } });
    const only = () => screen.getByLabelText('Clip selection only') as HTMLInputElement;
    expect(only().checked).toBe(true);
    expect(screen.getByText(/Selection only: just the text you selected/)).toBeTruthy();
    fireEvent.click(only());
    await waitFor(() => expect(screen.queryByText(/Selection only:/)).toBeNull());
    expect(screen.getByText('5 min read')).toBeTruthy(); // the whole article now
    fireEvent.click(only());
    await waitFor(() => expect(screen.getByText(/Selection only:/)).toBeTruthy());
    expect((screen.getByLabelText('Tags') as HTMLInputElement).value).toBe('focus'); // typed input survives the toggle
    fireEvent.click(screen.getByRole('button', { name: 'Save to Thursday Circle' }));
    await waitFor(() => expect(screen.getByText(`Saved “${selection.title}” to Thursday Circle.`)).toBeTruthy());
    expect(savedClip()).toMatchObject({ p_clip: selection, p_tags: ['focus'] });
  });

  test('not an article: the reason and the link card, saved as a link with the tags and comment typed', async () => {
    answer({
      clipTab: { ok: true, value: { ok: false, error: videoError, link: videoCard, selection: null } },
      listGroups: { ok: true, value: groups },
      findItem: notFound,
      saveClip: savedNew,
    });
    render(<ClipFlow />);
    expect((await screen.findByRole('alert')).textContent).toMatch(/This is a video page/);
    expect(screen.getByRole('heading', { name: videoCard.title })).toBeTruthy();
    expect(screen.getByRole('img', { name: 'Image from VideoSite' })).toBeTruthy();
    fireEvent.input(await screen.findByLabelText('Tags'), { target: { value: 'video' } });
    fireEvent.input(screen.getByLabelText('Comment'), { target: { value: 'Watch before Thursday.' } });
    fireEvent.click(screen.getByRole('button', { name: 'Save as link to Thursday Circle' }));
    await waitFor(() => expect(screen.getByText(`Saved “${videoCard.title}” to Thursday Circle.`)).toBeTruthy());
    expect(savedClip()).toMatchObject({ p_clip: videoCard, p_tags: ['video'], p_comment: 'Watch before Thursday.', p_queue: true });
  });

  test('no link to offer when the page has no address', async () => {
    answer({
      clipTab: {
        ok: true,
        value: { ok: false, link: null, selection: null, error: { kind: 'unclippable', message: 'Browser pages cannot be clipped.' } },
      },
      listGroups: { ok: true, value: groups },
    });
    render(<ClipFlow />);
    expect((await screen.findByRole('alert')).textContent).toMatch(/cannot be clipped/);
    expect(screen.queryByRole('button')).toBeNull();
    expect(send).not.toHaveBeenCalledWith('findItem', expect.anything());
  });

  test('with a selection on a page the group has already, offers "Highlight selection" by quote (no position), not a second item', async () => {
    const quote = { exact: 'small groups read better', prefix: 'We found that ', suffix: ' than large ones', start: null, end: null };
    const highlight = {
      ...quote,
      id: 'h1',
      item_id: detail.item.id,
      author: detail.item.added_by,
      body: 'Yes',
      created_at: '',
      updated_at: '',
      reply_count: 0,
    };
    answer({
      clipTab: { ok: true, value: { ok: true, clip: article, selection, quote } },
      listGroups: { ok: true, value: groups },
      findItem: { ok: true, value: detail },
      addHighlight: { ok: true, value: highlight },
    });
    render(<ClipFlow />);
    const form = await screen.findByRole('form', { name: 'Highlight the selection' });
    expect(form.textContent).toMatch(/Selected: small groups read better/);
    expect(screen.queryByRole('button', { name: /^Save/ })).toBeNull();
    fireEvent.input(screen.getByLabelText('Comment on this passage (optional)'), { target: { value: ' Yes ' } });
    fireEvent.click(screen.getByRole('button', { name: 'Highlight selection' }));
    const said = await screen.findByRole('status');
    expect(said.textContent).toMatch(/^Highlighted in Thursday Circle\. .*Passages no longer found in this copy/);
    const [, sentData] = send.mock.calls.find((call) => call[0] === 'addHighlight')!;
    expect(sentData).toMatchObject({ itemId: detail.item.id, target: quote, body: 'Yes' });
    expect(sentData.clientId).toMatch(/-/);
    expect(send).not.toHaveBeenCalledWith('saveClip', expect.anything());
  });

  test('without a selection, a page the group has already offers no highlight', async () => {
    answer({
      clipTab: { ok: true, value: { ok: true, clip: article, selection: null } },
      listGroups: { ok: true, value: groups },
      findItem: { ok: true, value: detail },
    });
    render(<ClipFlow />);
    expect(await screen.findByRole('article', { name: 'Already saved' })).toBeTruthy();
    expect(screen.queryByRole('button', { name: 'Highlight selection' })).toBeNull();
  });

  test('with no groups yet, offers joining with a code here and creating a group in Options', async () => {
    answer({ clipTab: { ok: true, value: { ok: true, clip: article, selection: null } }, listGroups: { ok: true, value: [] } });
    const open = vi.spyOn(fakeBrowser.runtime, 'openOptionsPage').mockResolvedValue(undefined);
    render(<ClipFlow />);
    expect(await screen.findByRole('form', { name: 'Join a group' })).toBeTruthy();
    fireEvent.click(await screen.findByRole('button', { name: 'Create a group in Options' }));
    expect(screen.getByText(/not in a reading group yet/)).toBeTruthy();
    expect(screen.getByRole('heading', { name: 'Reading Circles at Work' })).toBeTruthy();
    expect(open).toHaveBeenCalled();
  });

  test('regression: a group joined in the popup replaces "no groups" with the clip form for it', async () => {
    answer({
      clipTab: { ok: true, value: { ok: true, clip: article, selection: null } },
      listGroups: { ok: true, value: [] },
      previewInvite: { ok: true, value: { name: 'Journal Club', member_count: 5, already_member: false } },
      findItem: notFound,
    });
    const join = send.getMockImplementation()!;
    send.mockImplementation(async (name: string, data: unknown) => {
      if (name !== 'joinGroup') return join(name, data);
      // As the background does: the cached groups and the last group follow a join.
      await cachedGroups.setValue([groups[1]!]);
      await lastGroupId.setValue('g2');
      return { ok: true, value: { id: 'g2', name: 'Journal Club' } };
    });
    render(<ClipFlow />);
    fireEvent.input(await screen.findByLabelText('Invitation or invite code'), { target: { value: 'CODE' } });
    fireEvent.click(screen.getByRole('button', { name: 'Join group' }));
    fireEvent.click(await screen.findByRole('button', { name: 'Join Journal Club' }));
    expect(await screen.findByRole('button', { name: 'Save to Journal Club' })).toBeTruthy();
    expect((await screen.findByRole('status')).textContent).toBe('You joined Journal Club.');
  });
});

describe('ClipFlow while the page is read', () => {
  test('shows the cached group picker at once, and a group picked then is the one saved to (the cached UI draws within 100 ms)', async () => {
    await cachedGroups.setValue(groups);
    await lastGroupId.setValue('g2');
    let resolveClip!: (value: unknown) => void;
    send.mockImplementation((name: string) => (name === 'clipTab' ? new Promise((r) => (resolveClip = r)) : new Promise(() => {})));
    render(<ClipFlow tabId={7} />);
    const picker = (await screen.findByLabelText('Group')) as HTMLSelectElement;
    expect(screen.getByRole('status').textContent).toBe('Reading this page…');
    expect(picker.value).toBe('g2');
    fireEvent.change(picker, { target: { value: 'g1' } });
    resolveClip({ ok: true, value: { ok: true, clip: article, selection: null } });
    expect(await screen.findByRole('button', { name: 'Save to Thursday Circle' })).toBeTruthy();
  });
});
