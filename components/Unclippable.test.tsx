import { afterEach, describe, expect, test, vi } from 'vitest';
import { cleanup, fireEvent, render, screen } from '@testing-library/preact';
import { linkClip as linkPayload } from '@/utils/link-clip';
import { Unclippable } from './Unclippable';

afterEach(cleanup);
const error = { kind: 'unclippable' as const, message: 'Readclub could not find an article on this page.' };

describe('Unclippable', () => {
  test('says why, and "Save as link" builds a link clip', () => {
    const onSaveAsLink = vi.fn();
    render(<Unclippable error={error} url="https://example.org/app" title={null} onSaveAsLink={onSaveAsLink} />);
    expect(screen.getByRole('alert').textContent).toMatch(/could not find an article/);
    fireEvent.click(screen.getByRole('button', { name: 'Save as link' }));
    expect(onSaveAsLink).toHaveBeenCalledWith(linkPayload('https://example.org/app', null));
    expect(linkPayload('https://example.org/app', null)).toMatchObject({
      kind: 'link', title: 'https://example.org/app', text_length: 0, content_html: null, excerpt: null,
    });
    expect(linkPayload('https://x.org', '  A title ').title).toBe('A title');
  });

  test('no url, no link button', () => {
    render(<Unclippable error={error} url={null} title={null} onSaveAsLink={vi.fn()} />);
    expect(screen.queryByRole('button')).toBeNull();
  });
});
