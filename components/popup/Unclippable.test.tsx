import { afterEach, describe, expect, test } from 'vitest';
import { cleanup, render, screen } from '@testing-library/preact';
import { Unclippable } from './Unclippable';
import { videoCard, videoError } from '@/components/testing/fixtures';

afterEach(cleanup);

describe('Unclippable', () => {
  test('says why, and shows the link card to save instead', () => {
    render(<Unclippable error={videoError} link={videoCard} />);
    expect(screen.getByRole('alert').textContent).toMatch(/This is a video page/);
    expect(screen.getByRole('heading', { name: 'How Reading Groups Work (video)' })).toBeTruthy();
    expect(screen.getByText('Link only')).toBeTruthy();
    expect(screen.getByRole('img', { name: 'Image from VideoSite' })).toBeTruthy();
  });

  test('no address, no card: only why', () => {
    render(<Unclippable error={{ kind: 'unclippable', message: 'Browser pages cannot be clipped.' }} link={null} />);
    expect(screen.getByRole('alert').textContent).toBe('Browser pages cannot be clipped.');
    expect(screen.queryByRole('heading')).toBeNull();
  });
});
