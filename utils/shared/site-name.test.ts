import { describe, expect, test } from 'vitest';
import { hostLabel, siteLabel } from './site-name';

describe('siteLabel: one name for the site in the popup and the side panel', () => {
  test('the publisher’s name when known, else the host without www.', () => {
    expect(siteLabel('The Site', 'https://x.org')).toBe('The Site');
    expect(siteLabel('  The   Site ', 'https://x.org')).toBe('The Site');
    expect(siteLabel(null, 'https://www.example.com/a')).toBe('example.com');
    expect(siteLabel('  ', 'https://WWW.Example.com./a')).toBe('example.com');
  });

  test('a "name" that is an address is shown as its host; "Factorio.com" is a name', () => {
    expect(siteLabel('http://www.tmz.com', 'https://www.tmz.com/a')).toBe('tmz.com');
    expect(siteLabel('www.example.org/', null)).toBe('example.org');
    expect(siteLabel('Factorio.com', 'https://factorio.com/blog')).toBe('Factorio.com');
  });

  test('no name and no address: the text itself, or nothing (a book)', () => {
    expect(siteLabel('  ', 'not a url')).toBe('not a url');
    expect(siteLabel(null, null)).toBeNull();
    expect(hostLabel('not a url')).toBeNull();
  });
});
