import { afterEach, describe, expect, test, vi } from 'vitest';
import { cleanup, fireEvent, render, screen } from '@testing-library/preact';
import { useState } from 'preact/hooks';
import { PanelTabs } from './PanelTabs';

afterEach(cleanup);

const tabs = [
  { id: 'queue', label: 'Queue' },
  { id: 'library', label: 'Library', badge: 3 },
  { id: 'meetings', label: 'Meetings' },
];

function Harness({ onSelect = () => {} }: { onSelect?: (id: string) => void }) {
  const [selected, setSelected] = useState('queue');
  return (
    <PanelTabs tabs={tabs} selected={selected} onSelect={(id) => (setSelected(id), onSelect(id))} label="Views">
      <p>showing {selected}</p>
    </PanelTabs>
  );
}

describe('PanelTabs', () => {
  test('one selected tab in the Tab order, its panel labelled by it', () => {
    render(<Harness />);
    const queue = screen.getByRole('tab', { name: 'Queue' });
    expect(queue.getAttribute('aria-selected')).toBe('true');
    expect(queue.tabIndex).toBe(0);
    expect(screen.getByRole('tab', { name: /Library/ }).tabIndex).toBe(-1);
    expect(screen.getByRole('tabpanel', { name: 'Queue' }).textContent).toBe('showing queue');
  });

  test('arrow keys, Home and End move and select, wrapping around', () => {
    const onSelect = vi.fn();
    render(<Harness onSelect={onSelect} />);
    const list = screen.getByRole('tablist', { name: 'Views' });
    fireEvent.keyDown(list, { key: 'ArrowLeft' });
    expect(onSelect).toHaveBeenLastCalledWith('meetings');
    expect(document.activeElement?.textContent).toBe('Meetings');
    fireEvent.keyDown(list, { key: 'Home' });
    fireEvent.keyDown(list, { key: 'ArrowRight' });
    expect(screen.getByRole('tabpanel').textContent).toBe('showing library');
    fireEvent.keyDown(list, { key: 'End' });
    expect(onSelect).toHaveBeenLastCalledWith('meetings');
  });

  test('a click selects; a badge counts what is new', () => {
    render(<Harness />);
    fireEvent.click(screen.getByRole('tab', { name: /Library/ }));
    expect(screen.getByRole('tabpanel').textContent).toBe('showing library');
    expect(screen.getByLabelText(', 3 new').textContent).toBe('3');
  });
});
