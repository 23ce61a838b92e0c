import type { Browser } from '#imports';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import type { ClipPayload } from '@/utils/shared/api-types';
import { NO_ARTICLE_MESSAGE, PAYWALLED_MESSAGE, VIDEO_PAGE_MESSAGE } from '@/utils/shared/clippable';
import { EMPTY_CLIP, linkClip } from '@/utils/shared/link-clip';
import { CLIPPER_FILE, NO_ACCESS_MESSAGE, NO_RESULT_MESSAGE, NO_TAB_MESSAGE, clipTabContents } from './clip-tab';

const clip: ClipPayload = {
  ...EMPTY_CLIP,
  kind: 'article',
  url: 'https://example.com/a',
  title: 'A',
  content_html: '<p>hi</p>',
  text_length: 2,
  word_count: 1,
  lang: 'en',
};
const selection: ClipPayload = { ...clip, content_html: '<p>h</p>', text_length: 1, selection: true };

type AnyTab = Browser.tabs.Tab;
const tab = (t: Partial<AnyTab>) =>
  ({ id: 7, index: 0, active: true, highlighted: true, pinned: false, incognito: false, windowId: 1, ...t }) as AnyTab;

let executeScript: ReturnType<typeof vi.fn>;
beforeEach(() => {
  fakeBrowser.reset();
  executeScript = vi.fn();
  vi.spyOn(fakeBrowser.scripting, 'executeScript').mockImplementation(executeScript as never);
});

function activeTab(t: Partial<AnyTab>) {
  return vi.spyOn(fakeBrowser.tabs, 'query').mockResolvedValue([tab(t)] as never);
}

describe('clipTabContents', () => {
  it('refuses browser pages without injecting', async () => {
    activeTab({ url: 'chrome://settings/', title: 'Settings' });
    const result = await clipTabContents();
    expect(result).toEqual({
      ok: false,
      error: { kind: 'unclippable', message: expect.stringMatching(/browser's own pages/) },
      link: null,
      selection: null,
    });
    expect(executeScript).not.toHaveBeenCalled();
  });

  it('offers a link for pages that can only be saved as links', async () => {
    activeTab({ url: 'https://example.com/paper.pdf', title: 'Paper' });
    const result = await clipTabContents();
    expect(result).toMatchObject({ ok: false, error: { kind: 'unclippable' }, selection: null });
    expect(!result.ok && result.link).toEqual(linkClip('https://example.com/paper.pdf', 'Paper'));
    expect(executeScript).not.toHaveBeenCalled();
  });

  it('queries the active tab of the last focused window', async () => {
    const query = activeTab({ url: 'https://example.com/a' });
    executeScript.mockResolvedValue([{ frameId: 0, result: { ok: true, clip } }]);
    await clipTabContents();
    expect(query).toHaveBeenCalledWith({ active: true, lastFocusedWindow: true });
  });

  it('injects the clipper and returns its result', async () => {
    vi.spyOn(fakeBrowser.tabs, 'get').mockResolvedValue(tab({ id: 42, url: 'https://example.com/a' }) as never);
    executeScript.mockResolvedValue([{ frameId: 0, result: { ok: true, clip, selection } }]);
    expect(await clipTabContents(42)).toEqual({ ok: true, clip, selection });
    expect(executeScript).toHaveBeenCalledWith({ target: { tabId: 42 }, files: [CLIPPER_FILE] });
  });

  it('passes on the clipper’s own refusal', async () => {
    activeTab({ url: 'https://example.com/a' });
    const refusal = {
      ok: false,
      error: { kind: 'unclippable', message: 'no article' },
      link: linkClip('https://example.com/a', 'A'),
      selection,
    };
    executeScript.mockResolvedValue([{ frameId: 0, result: refusal }]);
    expect(await clipTabContents()).toEqual(refusal);
  });

  it('words the clipper’s refusal by its reason, and passes on a refusal already in words', async () => {
    activeTab({ url: 'https://example.com/a' });
    const link = linkClip('https://example.com/a', 'A');
    for (const [reason, message] of [
      ['no-article', NO_ARTICLE_MESSAGE],
      ['video', VIDEO_PAGE_MESSAGE],
      ['paywalled', PAYWALLED_MESSAGE],
      ['pdf', "Readclub can't read PDFs yet. You can still save it as a link."],
    ]) {
      executeScript.mockResolvedValue([{ frameId: 0, result: { ok: false, error: { kind: 'unclippable', reason }, link, selection } }]);
      expect(await clipTabContents()).toEqual({ ok: false, error: { kind: 'unclippable', message }, link, selection });
    }
    // not a reason of ours (or one inherited from Object): passed on as it came
    for (const reason of ['toString', 'no such reason']) {
      const error = { kind: 'unclippable', reason, message: 'as sent' };
      executeScript.mockResolvedValue([{ frameId: 0, result: { ok: false, error, link, selection } }]);
      expect(await clipTabContents()).toEqual({ ok: false, error, link, selection });
    }
  });

  it('passes on the selection’s quote when it is one, within a highlight’s limits; drops anything else', async () => {
    activeTab({ url: 'https://example.com/a' });
    const quote = { exact: 'groups read', prefix: 'x'.repeat(40), suffix: 'better', start: 3, end: 9 };
    executeScript.mockResolvedValue([{ frameId: 0, result: { ok: true, clip, selection, quote } }]);
    expect(await clipTabContents()).toEqual({
      ok: true,
      clip,
      selection,
      quote: { exact: 'groups read', prefix: 'x'.repeat(32), suffix: 'better', start: null, end: null },
    });
    for (const bad of [
      { exact: 1, prefix: '', suffix: '' },
      { exact: ' ', prefix: '', suffix: '' },
      { exact: 'x'.repeat(2001), prefix: '', suffix: '' },
    ]) {
      executeScript.mockResolvedValue([{ frameId: 0, result: { ok: true, clip, selection, quote: bad } }]);
      expect(await clipTabContents()).toEqual({ ok: true, clip, selection });
    }
  });

  it('fills in what an older clipper left out (no selection, no link) as null', async () => {
    activeTab({ url: 'https://example.com/a' });
    executeScript.mockResolvedValue([{ frameId: 0, result: { ok: true, clip } }]);
    expect(await clipTabContents()).toEqual({ ok: true, clip, selection: null });
    executeScript.mockResolvedValue([{ frameId: 0, result: { ok: false, error: { kind: 'unclippable', message: 'no' } } }]);
    expect(await clipTabContents()).toEqual({ ok: false, error: { kind: 'unclippable', message: 'no' }, link: null, selection: null });
  });

  it('turns an injection failure into an unclippable clip with the address', async () => {
    activeTab({ url: 'https://example.com/a', title: 'A' });
    executeScript.mockRejectedValue(new Error('Cannot access contents of the page. Extension manifest must request permission.'));
    expect(await clipTabContents()).toEqual({
      ok: false,
      error: { kind: 'unclippable', message: NO_ACCESS_MESSAGE },
      link: linkClip('https://example.com/a', 'A'),
      selection: null,
    });
  });

  it('tries injecting when the browser hides the URL, and reports failure without one', async () => {
    activeTab({ url: undefined, title: undefined });
    executeScript.mockRejectedValue(new Error('Missing host permission for the tab'));
    expect(await clipTabContents()).toEqual({
      ok: false,
      error: { kind: 'unclippable', message: NO_ACCESS_MESSAGE },
      link: null,
      selection: null,
    });
    expect(executeScript).toHaveBeenCalled();
  });

  it('handles a missing result', async () => {
    activeTab({ url: 'https://example.com/a' });
    executeScript.mockResolvedValue([{ frameId: 0, result: undefined }]);
    expect(await clipTabContents()).toMatchObject({
      ok: false,
      error: { message: NO_RESULT_MESSAGE },
      link: { kind: 'link', url: 'https://example.com/a' },
    });
  });

  it('handles no tab at all', async () => {
    vi.spyOn(fakeBrowser.tabs, 'query').mockResolvedValue([] as never);
    expect(await clipTabContents()).toMatchObject({ ok: false, error: { kind: 'unclippable', message: NO_TAB_MESSAGE }, link: null });
    vi.spyOn(fakeBrowser.tabs, 'get').mockRejectedValue(new Error('No tab with id: 9'));
    expect(await clipTabContents(9)).toMatchObject({ ok: false, error: { message: NO_TAB_MESSAGE } });
  });
});
