import { afterEach, describe, expect, test, vi } from 'vitest';
import { cleanup, fireEvent, render, screen } from '@testing-library/preact';
import { PagePreview } from './PagePreview';
import { article, selection, videoCard, videoError } from '@/components/testing/fixtures';

afterEach(cleanup);

describe('PagePreview', () => {
  test('no selection, no checkbox: the article', () => {
    render(<PagePreview tab={{ ok: true, clip: article, selection: null }} selectionOnly onSelectionOnly={vi.fn()} />);
    expect(screen.queryByLabelText('Clip selection only')).toBeNull();
    expect(screen.getByText('5 min read')).toBeTruthy();
  });

  test('a selection offers "Clip selection only" and previews what is ticked', () => {
    const onSelectionOnly = vi.fn();
    const { rerender } = render(
      <PagePreview tab={{ ok: true, clip: article, selection }} selectionOnly onSelectionOnly={onSelectionOnly} />,
    );
    const box = screen.getByLabelText('Clip selection only') as HTMLInputElement;
    expect(box.checked).toBe(true);
    expect(screen.getByText(/Selection only:/)).toBeTruthy();
    fireEvent.click(box);
    expect(onSelectionOnly).toHaveBeenCalledWith(false);
    rerender(<PagePreview tab={{ ok: true, clip: article, selection }} selectionOnly={false} onSelectionOnly={onSelectionOnly} />);
    expect(screen.queryByText(/Selection only:/)).toBeNull();
  });

  test('not an article: the selection when ticked, else the reason and the link card', () => {
    const tab = { ok: false as const, error: videoError, link: videoCard, selection };
    const { rerender } = render(<PagePreview tab={tab} selectionOnly onSelectionOnly={vi.fn()} />);
    expect(screen.queryByRole('alert')).toBeNull();
    expect(screen.getByText(/Selection only:/)).toBeTruthy();
    rerender(<PagePreview tab={tab} selectionOnly={false} onSelectionOnly={vi.fn()} />);
    expect(screen.getByRole('alert').textContent).toMatch(/video page/);
    expect(screen.getByRole('heading', { name: videoCard.title })).toBeTruthy();
  });
});
