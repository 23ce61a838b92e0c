import { afterEach, describe, expect, test } from 'vitest';
import { cleanup, render, screen } from '@testing-library/preact';
import { CommentBody } from './CommentBody';

afterEach(cleanup);

describe('CommentBody', () => {
  test('links open in a new tab without referrer; *emphasis* and **strong** are elements', () => {
    const { container } = render(<CommentBody body="Read https://example.org/x, it is *good* and **long**" />);
    const link = screen.getByRole('link', { name: 'https://example.org/x' });
    expect(link.getAttribute('href')).toBe('https://example.org/x');
    expect(link.getAttribute('rel')).toBe('noopener noreferrer nofollow');
    expect(link.getAttribute('target')).toBe('_blank');
    expect(container.querySelector('em')!.textContent).toBe('good');
    expect(container.querySelector('strong')!.textContent).toBe('long');
  });

  test('HTML a member wrote is shown as text: no element is made from it', () => {
    const { container } = render(<CommentBody body={'<img src=x onerror="alert(1)"><script>alert(2)</script> [x](javascript:alert(3))'} />);
    expect(container.querySelector('img, script, a')).toBeNull();
    expect(container.textContent).toBe('<img src=x onerror="alert(1)"><script>alert(2)</script> [x](javascript:alert(3))');
  });
});
