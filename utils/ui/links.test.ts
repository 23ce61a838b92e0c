import { describe, expect, test } from 'vitest';
import { webHref } from './links';

describe('webHref', () => {
  test.each([
    ['https://example.com/essay?x=1#p', 'https://example.com/essay?x=1#p'],
    ['HTTP://Example.com', 'http://example.com/'],
    ['  https://example.com/a  ', 'https://example.com/a'],
  ])('%s → %s', (url, expected) => {
    expect(webHref(url)).toBe(expected);
  });

  test.each([
    'javascript:alert(document.domain)',
    ' JaVaScRiPt:alert(1)',
    'java\tscript:alert(1)',
    'data:text/html,<script>alert(1)</script>',
    'vbscript:msgbox(1)',
    'chrome-extension://abc/options.html',
    'file:///etc/passwd',
    '//evil.example/x',
    '/relative',
    'https://',
    '',
    null,
    undefined,
  ])('%s → no link', (url) => {
    expect(webHref(url)).toBeNull();
  });
});
