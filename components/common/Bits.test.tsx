import { afterEach, describe, expect, test } from 'vitest';
import { cleanup, render, screen } from '@testing-library/preact';
import { Alert, Loading, TagChips } from './Bits';

afterEach(cleanup);

describe('Bits', () => {
  test('Alert shows a UserError or a string as an alert, nothing for null', () => {
    const { rerender } = render(<Alert error={{ kind: 'network', message: 'Offline.' }} />);
    expect(screen.getByRole('alert').textContent).toBe('Offline.');
    rerender(<Alert error="Plain." />);
    expect(screen.getByRole('alert').textContent).toBe('Plain.');
    rerender(<Alert error={null} />);
    expect(screen.queryByRole('alert')).toBeNull();
  });

  test('TagChips is a labelled list, absent when empty', () => {
    const { rerender } = render(<TagChips tags={['a', 'b']} />);
    const list = screen.getByRole('list', { name: 'Tags' });
    expect(list.querySelectorAll('li')).toHaveLength(2);
    rerender(<TagChips tags={[]} />);
    expect(screen.queryByRole('list')).toBeNull();
  });

  test('Loading is a status', () => {
    render(<Loading text="Reading this page…" />);
    expect(screen.getByRole('status').textContent).toBe('Reading this page…');
  });
});
