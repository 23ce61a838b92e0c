import { afterEach, describe, expect, test, vi } from 'vitest';
import { cleanup, fireEvent, render, screen } from '@testing-library/preact';
import { GroupSelect, pickGroup } from './GroupSelect';
import { groups } from '@/components/testing/fixtures';

afterEach(cleanup);

describe('GroupSelect', () => {
  test('a labelled select of group names', () => {
    const onChange = vi.fn();
    render(<GroupSelect groups={groups} value="g1" onChange={onChange} />);
    const select = screen.getByLabelText('Group') as HTMLSelectElement;
    expect(select.value).toBe('g1');
    expect(screen.getAllByRole('option').map((o) => o.textContent)).toEqual(['Thursday Circle', 'Journal Club']);
    fireEvent.change(select, { target: { value: 'g2' } });
    expect(onChange).toHaveBeenCalledWith('g2');
  });

  test('pickGroup prefers a group I still belong to, else the first', () => {
    expect(pickGroup(groups, 'g2')?.id).toBe('g2');
    expect(pickGroup(groups, 'gone')?.id).toBe('g1');
    expect(pickGroup(groups, null)?.id).toBe('g1');
    expect(pickGroup([], 'g1')).toBeUndefined();
  });
});
