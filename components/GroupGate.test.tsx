import { afterEach, describe, expect, test } from 'vitest';
import { cleanup, render, screen } from '@testing-library/preact';
import { GroupGate } from './GroupGate';
import { groups } from './testing/fixtures';

afterEach(cleanup);
const list = (names: string[]) => <p>{names.join(' + ')}</p>;
const base = { groups, lastId: 'g2', settled: true, error: null };

describe('GroupGate', () => {
  test('draws the children with the groups and the last group', () => {
    render(<GroupGate state={base}>{(gs, last) => list([...gs.map((g) => g.name), String(last)])}</GroupGate>);
    expect(screen.getByText('Thursday Circle + Journal Club + g2')).toBeTruthy();
  });

  test('waits while nothing is known, with the page shown above', () => {
    render(<GroupGate state={{ ...base, groups: [], settled: false }} before={<p>Page</p>}>{() => list(['x'])}</GroupGate>);
    expect(screen.getByRole('status').textContent).toBe('Loading your groups…');
    expect(screen.getByText('Page')).toBeTruthy();
  });

  test('no groups: points to Options; a failed list says why', () => {
    const { rerender } = render(<GroupGate state={{ ...base, groups: [] }}>{() => list(['x'])}</GroupGate>);
    expect(screen.getByText(/not in a reading group yet/)).toBeTruthy();
    expect(screen.getByRole('button', { name: 'Open Options' })).toBeTruthy();
    rerender(<GroupGate state={{ ...base, groups: [], error: { kind: 'network', message: 'Offline.' } }}>{() => list(['x'])}</GroupGate>);
    expect(screen.getByRole('alert').textContent).toBe('Offline.');
  });
});
