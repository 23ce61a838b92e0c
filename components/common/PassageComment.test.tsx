import { cleanup, fireEvent, render, screen } from '@testing-library/preact';
import axe from 'axe-core';
import { afterEach, describe, expect, test, vi } from 'vitest';
import { PassageComment } from './PassageComment';

afterEach(cleanup);

describe('PassageComment', () => {
  test('shows the passage shortened and passes the comment typed, under its label', async () => {
    const onBody = vi.fn();
    render(<PassageComment id="c" exact={'word '.repeat(60)} body="" onBody={onBody} />);
    expect(screen.getByText(/^word/).textContent!.length).toBeLessThanOrEqual(120);
    fireEvent.input(screen.getByLabelText('Comment on this passage (optional)'), { target: { value: 'Why here?' } });
    expect(onBody).toHaveBeenCalledWith('Why here?');
    const { violations } = await axe.run(document.body, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa'] } });
    expect(violations).toEqual([]);
  });
});
