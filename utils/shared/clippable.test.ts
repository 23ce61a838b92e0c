import { describe, expect, test } from 'vitest';
import { NO_ARTICLE_MESSAGE, clippableUrl, pageVerdict, refusalMessage, urlVerdict, wordedClip, type UnclippableReason } from './clippable';

describe('clippableUrl', () => {
  test.each([
    'https://example.com/2024/an-essay',
    'http://localhost:8080/article.html',
    'https://chrome.google.com/search?q=webstore', // Google, but not the store
    'https://example.com/pdf-tips', // "pdf" in the path is not a PDF
  ])('%s can be clipped', (url) => {
    expect(clippableUrl(url)).toEqual({ clippable: true, saveAsLink: true });
  });

  const table: [string, UnclippableReason, boolean][] = [
    ['chrome://extensions/', 'browser-page', false],
    ['edge://settings', 'browser-page', false],
    ['about:blank', 'browser-page', false],
    ['about:newtab', 'browser-page', false],
    ['view-source:https://example.com/', 'browser-page', false],
    ['chrome-extension://abcdefghijklmnopabcdefghijklmnop/popup.html', 'extension-page', false],
    ['moz-extension://0b5e7d2c-1111-4aaa-9bbb-123456789abc/sidebar.html', 'extension-page', false],
    ['https://chromewebstore.google.com/detail/some-extension/abcdefghijklmnop', 'web-store', true],
    ['https://chrome.google.com/webstore/detail/abcdefghijklmnop', 'web-store', true],
    ['https://addons.mozilla.org/en-US/firefox/addon/some-addon/', 'web-store', true],
    ['file:///home/ada/Downloads/essay.html', 'local-file', false],
    ['data:text/html,<p>hello</p>', 'no-web-address', false],
    ['blob:https://example.com/5b1e8c5e-0000-4000-8000-000000000000', 'no-web-address', false],
    ['https://example.com/papers/attention.PDF', 'pdf', true],
    ['chrome-extension://mhjfbmdgcfjbbpaeojofohoefgiehjai/index.html', 'pdf', false],
    ['ftp://ftp.example.com/readme.txt', 'not-web', false],
    ['', 'no-address', false],
    ['not a url', 'no-address', false],
  ];
  test.each(table)('%s → %s (save as link: %s)', (url, reason, saveAsLink) => {
    const result = clippableUrl(url);
    expect(result).toMatchObject({ clippable: false, reason, saveAsLink });
    if (!result.clippable) expect(result.message.length).toBeGreaterThan(20);
  });

  test('undefined (a tab without a URL we may see) is not clippable', () => {
    expect(clippableUrl(undefined)).toMatchObject({ clippable: false, reason: 'no-address' });
  });

  test('each class of page gets its own message', () => {
    const messages = new Set(
      table.map(([url]) => {
        const result = clippableUrl(url);
        return result.clippable ? '' : result.message;
      }),
    );
    expect(messages.size).toBe(new Set(table.map(([, reason]) => reason)).size);
  });

  test('pageVerdict (what the clipper checks of the page it runs in) agrees with urlVerdict on every page it can be injected into', () => {
    const pages = ['https://example.com/2024/an-essay', 'http://example.com/a.PDF?x=1', 'file:///home/ada/a.html', 'data:text/html,x'];
    for (const url of [...pages, 'blob:https://example.com/1', 'ftp://example.com/a', 'not a url'])
      expect(pageVerdict(url)).toEqual(urlVerdict(url));
    // Pages a browser never injects into get the general answer.
    expect(pageVerdict('chrome://settings')).toEqual({ clippable: false, reason: 'not-web', saveAsLink: false });
  });

  test('urlVerdict (what the background asks before injecting) is clippableUrl without the words', () => {
    for (const url of ['https://example.com/2024/an-essay', undefined, ...table.map(([u]) => u)]) {
      const { message: _message, ...verdict } = clippableUrl(url) as { message?: string };
      expect(urlVerdict(url)).toEqual(verdict);
    }
  });
});

describe('refusals in words', () => {
  test('wordedClip words the clipper’s reason and keeps everything else', () => {
    const refusal = {
      ok: false as const,
      error: { kind: 'unclippable' as const, reason: 'no-article' as const },
      link: null,
      selection: null,
    };
    expect(wordedClip(refusal)).toEqual({ ...refusal, error: { kind: 'unclippable', message: NO_ARTICLE_MESSAGE } });
    const fileMessage = clippableUrl('file:///a.html');
    expect(wordedClip({ ...refusal, error: { kind: 'unclippable', reason: 'local-file' } })).toEqual({
      ...refusal,
      error: { kind: 'unclippable', message: fileMessage.clippable ? null : fileMessage.message },
    });
  });

  test('refusalMessage knows only our reasons', () => {
    expect(refusalMessage('video')).toMatch(/video page/);
    for (const other of ['toString', '__proto__', 'nope', 3, null, undefined]) expect(refusalMessage(other)).toBeNull();
  });
});
