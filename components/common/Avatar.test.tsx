import { afterEach, describe, expect, test } from 'vitest';
import { cleanup, fireEvent, render, screen } from '@testing-library/preact';
import { Avatar, initials, safeAvatarUrl } from './Avatar';

afterEach(cleanup);

describe('Avatar', () => {
  test('shows the picture without a referrer, named by the member', () => {
    render(<Avatar person={{ display_name: 'Ada Lovelace', avatar_url: 'https://example.org/ada.png' }} />);
    const img = screen.getByRole('img', { name: 'Ada Lovelace' }) as HTMLImageElement;
    expect(img.tagName).toBe('IMG');
    expect(img.getAttribute('src')).toBe('https://example.org/ada.png');
    expect(img.getAttribute('referrerpolicy')).toBe('no-referrer');
  });

  test('without a picture it shows initials, still named for screen readers', () => {
    render(<Avatar person={{ display_name: 'Ada Lovelace', avatar_url: null }} />);
    const badge = screen.getByRole('img', { name: 'Ada Lovelace' });
    expect(badge.tagName).toBe('SPAN');
    expect(badge.textContent).toBe('AL');
  });

  test('a picture that fails to load falls back to initials', () => {
    render(<Avatar person={{ display_name: 'Ben', avatar_url: 'https://example.org/gone.png' }} />);
    fireEvent.error(screen.getByRole('img', { name: 'Ben' }));
    expect(screen.getByRole('img', { name: 'Ben' }).textContent).toBe('B');
  });

  test('regression: javascript:, data: and relative addresses are never used as a source', () => {
    for (const bad of ['javascript:alert(1)', 'data:image/png;base64,AAAA', '/me.png', 'ftp://x/y.png', 'not a url']) {
      expect(safeAvatarUrl(bad)).toBeNull();
      render(<Avatar person={{ display_name: 'Cleo', avatar_url: bad }} />);
      expect(screen.getByRole('img', { name: 'Cleo' }).tagName).toBe('SPAN');
      cleanup();
    }
    expect(safeAvatarUrl('http://example.org/c.png')).toBe('http://example.org/c.png');
  });

  test('initials take the first and last words, and cope with blanks and other scripts', () => {
    expect(initials('ada')).toBe('A');
    expect(initials('  Ben  de la Cruz ')).toBe('BC');
    expect(initials('')).toBe('?');
    expect(initials('Émile Zola')).toBe('ÉZ');
  });
});
