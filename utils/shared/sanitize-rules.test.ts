import { describe, expect, test } from 'vitest';
import { attributeAllowed, resolveWebUrl } from './sanitize-rules';

const BASE = 'https://example.com/essays/page.html';

describe('resolveWebUrl', () => {
  test.each([
    ['/x', 'https://example.com/x'],
    ['//cdn.example.net/i.png', 'https://cdn.example.net/i.png'],
    ['javascript:alert(1)', null],
    ['data:text/html,hi', null],
    ['', null],
    [null, null],
  ])('%s → %s', (raw, expected) => {
    expect(resolveWebUrl(raw, BASE)).toBe(expected);
  });
});

describe('attributeAllowed', () => {
  test('global attributes anywhere, the others only on their own element', () => {
    expect(attributeAllowed('p', 'lang')).toBe(true);
    expect(attributeAllowed('a', 'href')).toBe(true);
    expect(attributeAllowed('p', 'href')).toBe(false);
    expect(attributeAllowed('a', 'src')).toBe(false);
    expect(attributeAllowed('img', 'onerror')).toBe(false);
    expect(attributeAllowed('unknown', 'title')).toBe(true);
  });
});
