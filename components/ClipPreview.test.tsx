import { afterEach, describe, expect, test } from 'vitest';
import { cleanup, render, screen } from '@testing-library/preact';
import { ClipPreview } from './ClipPreview';
import { article } from './testing/fixtures';

afterEach(cleanup);

describe('ClipPreview', () => {
  test('title as heading, site, reading time, byline, excerpt', () => {
    render(<ClipPreview clip={article} />);
    expect(screen.getByRole('article', { name: 'Page to save' })).toBeTruthy();
    expect(screen.getByRole('heading', { name: 'Reading Circles at Work' })).toBeTruthy();
    expect(screen.getByText('Example Journal')).toBeTruthy();
    expect(screen.getByText('5 min read')).toBeTruthy();
    expect(screen.getByText('Grace H.')).toBeTruthy();
    expect(screen.getByText('Why small groups read better together.')).toBeTruthy();
  });

  test('a link shows its host and "Link only"', () => {
    render(<ClipPreview clip={{ ...article, kind: 'link', site_name: null, excerpt: null, byline: null, text_length: 0, url: 'https://www.news.example/x' }} />);
    expect(screen.getByText('news.example')).toBeTruthy();
    expect(screen.getByText('Link only')).toBeTruthy();
  });
});
