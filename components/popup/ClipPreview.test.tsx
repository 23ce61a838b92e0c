import { afterEach, describe, expect, test } from 'vitest';
import { cleanup, fireEvent, render, screen } from '@testing-library/preact';
import { ClipPreview } from './ClipPreview';
import { article, selection, videoCard } from '@/components/testing/fixtures';

afterEach(cleanup);

describe('ClipPreview', () => {
  test('title as heading, site, reading time (from the word count), byline, excerpt', () => {
    render(<ClipPreview clip={article} />);
    expect(screen.getByRole('article', { name: 'Page to save' })).toBeTruthy();
    expect(screen.getByRole('heading', { name: 'Reading Circles at Work' })).toBeTruthy();
    expect(screen.getByText('Example Journal')).toBeTruthy();
    expect(screen.getByText('5 min read')).toBeTruthy();
    expect(screen.getByText('Grace H.')).toBeTruthy();
    expect(screen.getByText('Why small groups read better together.')).toBeTruthy();
    expect(screen.queryByText(/Selection only/)).toBeNull();
    expect(screen.queryByText(/shortened/)).toBeNull();
    expect(screen.queryByRole('img')).toBeNull();
  });

  test('a link shows its host and "Link only"', () => {
    render(
      <ClipPreview
        clip={{ ...article, kind: 'link', site_name: null, excerpt: null, byline: null, text_length: 0, url: 'https://www.news.example/x' }}
      />,
    );
    expect(screen.getByText('news.example')).toBeTruthy();
    expect(screen.getByText('Link only')).toBeTruthy();
  });

  test('a link card shows its image with alt text, site and description', () => {
    render(<ClipPreview clip={videoCard} />);
    const image = screen.getByRole('img', { name: 'Image from VideoSite' }) as HTMLImageElement;
    expect(image.src).toBe('https://video.example/thumb/42.jpg');
    fireEvent.error(image);
    expect(image.hidden).toBe(true); // a broken remote image is not shown
    expect(screen.getByText('VideoSite')).toBeTruthy();
    expect(screen.getByText('A ten-minute tour of a reading group.')).toBeTruthy();
  });

  test('says when only the selection is saved, and when the article was shortened', () => {
    render(<ClipPreview clip={{ ...selection, truncated: false }} />);
    expect(screen.getByText(/Selection only: just the text you selected/)).toBeTruthy();
    expect(screen.getByText('1 min read')).toBeTruthy();
    cleanup();
    render(<ClipPreview clip={{ ...article, truncated: true }} />);
    expect(screen.getByText(/shortened to fit Readclub's size limit/)).toBeTruthy();
  });
});
