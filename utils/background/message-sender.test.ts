import { describe, expect, it } from 'vitest';
import { isOwnPage } from './message-sender';

const ID = 'abcdefghijklmnopabcdefghijklmnop';
const ROOT = `chrome-extension://${ID}/`;

describe('isOwnPage', () => {
  it('accepts the popup, side panel and options page, in Chrome and in Firefox', () => {
    expect(isOwnPage({ id: ID, url: `${ROOT}popup.html`, origin: `chrome-extension://${ID}` }, ID, ROOT)).toBe(true);
    expect(isOwnPage({ id: ID, url: `${ROOT}sidepanel.html` }, ID, ROOT)).toBe(true);
    expect(isOwnPage({ id: ID, url: `${ROOT}options.html#join=ABC` }, ID, ROOT)).toBe(true);
    const moz = 'moz-extension://8c4b1d1e-0000-4000-8000-000000000001/';
    expect(isOwnPage({ id: 'readclub@example.org', url: `${moz}popup.html` }, 'readclub@example.org', moz)).toBe(true);
  });

  it('refuses another extension, even one that names our page', () => {
    expect(
      isOwnPage({ id: 'otherextensionidotherextensionid', url: 'chrome-extension://otherextensionidotherextensionid/bg.html' }, ID, ROOT),
    ).toBe(false);
    expect(isOwnPage({ id: 'otherextensionidotherextensionid', url: `${ROOT}popup.html` }, ID, ROOT)).toBe(false);
  });

  it('refuses a web page (a content script context of ours, or a page claiming our id)', () => {
    expect(isOwnPage({ id: ID, url: 'https://evil.example/page.html', origin: 'https://evil.example' }, ID, ROOT)).toBe(false);
    expect(isOwnPage({ id: ID, url: `https://evil.example/${ROOT}` }, ID, ROOT)).toBe(false);
    expect(isOwnPage({ id: ID, url: `${ROOT}popup.html`, origin: 'https://evil.example' }, ID, ROOT)).toBe(false);
  });

  it('refuses a sender that says nothing', () => {
    expect(isOwnPage(undefined, ID, ROOT)).toBe(false);
    expect(isOwnPage({}, ID, ROOT)).toBe(false);
    expect(isOwnPage({ id: ID }, ID, ROOT)).toBe(false);
    expect(isOwnPage({ id: '', url: `${ROOT}popup.html` }, '', ROOT)).toBe(false);
  });
});
