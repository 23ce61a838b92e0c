import { afterEach, describe, expect, test } from 'vitest';
import { cleanup, render, screen } from '@testing-library/preact';
import axe from 'axe-core';
import { Snippet } from './Snippet';

afterEach(cleanup);

describe('Snippet', () => {
  test('draws the passage with the words found in <mark>', async () => {
    render(<Snippet snippet={'Down by the \u0002estuary\u0003 the water runs \u0002slow\u0003'} />);
    const p = screen.getByTestId('snippet');
    expect(p.textContent).toBe('Down by the estuary the water runs slow');
    expect([...p.querySelectorAll('mark')].map((m) => m.textContent)).toEqual(['estuary', 'slow']);
    const { violations } = await axe.run(document.body, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa'] } });
    expect(violations.map((v) => v.id)).toEqual([]);
  });

  test('markup in the server text is shown as text, never made into elements', () => {
    render(<Snippet snippet={'<img src=x onerror="alert(1)"><b>bold</b> \u0002word\u0003'} />);
    const p = screen.getByTestId('snippet');
    expect(p.querySelector('img, b')).toBeNull();
    expect(p.textContent).toBe('<img src=x onerror="alert(1)"><b>bold</b> word');
    expect(p.querySelectorAll('mark')).toHaveLength(1);
  });
});
