import { describe, expect, it } from 'vitest';
import type { ExportedItem, GroupExport } from '@/utils/shared/api-types';
import { exportFileName, renderExportMarkdown } from './export-markdown';
import { escapeMarkdown, markdownLink } from './export-markdown-text';

const ada = { id: 'u1', display_name: 'Ada' };
const ben = { id: 'u2', display_name: 'Ben' };

function item(over: Partial<ExportedItem>): ExportedItem {
  return {
    id: 'i1',
    kind: 'article',
    title: 'An essay',
    url: 'https://example.org/essay',
    canonical_url: null,
    site_name: 'Example',
    byline: 'Jo Writer',
    authors: ['Jo Writer'],
    published_at: '2026-11-02T08:00:00Z',
    modified_at: null,
    lang: 'en',
    dir: 'ltr',
    excerpt: 'Why we read.',
    lead_image_url: null,
    favicon_url: null,
    word_count: 1200,
    reading_minutes: 5,
    selection: false,
    content_html: '<p>Body</p>',
    added_by: ada,
    created_at: '2026-11-03T09:30:00Z',
    tags: [],
    comments: [],
    highlights: [],
    queue: null,
    read_at: null,
    read_count: 0,
    ...over,
  };
}

const exported: GroupExport = {
  format: 'readclub-export',
  version: 1,
  exported_at: '2026-12-01T10:15:00Z',
  exported_by: ben,
  group: { id: 'g1', name: 'Tuesday Readers', description: 'Long reads.', created_at: '2026-10-01T00:00:00Z', my_role: 'member' },
  members: [
    { id: 'u1', display_name: 'Ada', role: 'owner', joined_at: '2026-10-01T00:00:00Z' },
    { id: 'u2', display_name: 'Ben', role: 'member', joined_at: '2026-10-02T00:00:00Z' },
  ],
  items: [
    item({
      tags: [{ tag: 'essay', added_by: ada, created_at: '2026-11-03T09:30:00Z' }],
      comments: [
        {
          id: 'c1',
          body: 'Loved it.\n\nSecond thought.',
          author: ben,
          created_at: '2026-11-04T12:00:00Z',
          updated_at: '2026-11-04T12:00:00Z',
        },
      ],
      queue: { position: 1, queued_by: ada, queued_at: '2026-11-03T09:30:00Z' },
      read_at: '2026-11-05T20:00:00Z',
      read_count: 2,
    }),
    item({
      id: 'i2',
      kind: 'manual',
      title: 'A book',
      url: null,
      site_name: null,
      byline: null,
      published_at: null,
      excerpt: null,
      content_html: null,
      added_by: ben,
    }),
  ],
  queue: [{ item_id: 'i1', title: 'An essay', position: 1, queued_by: ada, queued_at: '2026-11-03T09:30:00Z', votes: 2, voted: true }],
  meetings: { next: null, past: [] },
};

describe('renderExportMarkdown', () => {
  const md = renderExportMarkdown(exported);

  it('starts with the group, who exported it and the counts', () => {
    expect(
      md.startsWith(
        '# Tuesday Readers\n\n> Long reads.\n\nExported from Readclub by Ben (member) on 2026-12-01 10:15 UTC: 2 members, 2 items, 1 in the queue.',
      ),
    ).toBe(true);
  });

  it('lists members with their roles and the queue in order', () => {
    expect(md).toContain('## Members\n\n- Ada: owner, joined 2026-10-01 00:00 UTC\n- Ben: member, joined 2026-10-02 00:00 UTC');
    expect(md).toContain('## Queue\n\n1. An essay (queued by Ada, 2 votes (yours among them))');
  });

  it('gives each item its details, tags, queue place, excerpt and comments', () => {
    expect(md).toContain(
      [
        '### An essay',
        '',
        '- Link: <https://example.org/essay>',
        '- Site: Example',
        '- By: Jo Writer',
        '- Published: 2026-11-02 08:00 UTC',
        '- Kind: article',
        '- Reading time: 5 min',
        '- Added by: Ada on 2026-11-03 09:30 UTC',
        '- Tags: essay',
        '- Queue: #1, queued by Ada',
        '- Read by: 2 members, you on 2026-11-05 20:00 UTC',
        '',
        '> Why we read.',
        '',
        '#### Comments (1)',
        '',
        '**Ben**, 2026-11-04 12:00 UTC:',
        '',
        '> Loved it.\n>\n> Second thought.',
      ].join('\n'),
    );
  });

  it("lists an item's highlights: the passage quoted, who marked it and when, their comment and the replies, escaped", () => {
    const at = '2026-11-06T10:00:00Z';
    const marked = renderExportMarkdown({
      ...exported,
      items: [
        item({
          highlights: [
            {
              id: 'h1',
              item_id: 'i1',
              author: ada,
              exact: 'Read [this](javascript:x) <b>now</b>',
              prefix: '',
              suffix: '',
              start: 0,
              end: 5,
              body: 'Key *point*',
              created_at: at,
              updated_at: at,
              reply_count: 1,
              replies: [{ id: 'r1', body: 'Agreed.', author: ben, created_at: at, updated_at: at, parent_id: null }],
            },
          ],
        }),
      ],
    });
    expect(marked).toContain(
      [
        '#### Highlights (1)',
        '',
        '**Ada** marked, 2026-11-06 10:00 UTC:',
        '',
        '> Read \\[this\\](javascript:x) &lt;b&gt;now&lt;/b&gt;',
        '',
        'Their comment:',
        '',
        '> Key \\*point\\*',
        '',
        '**Ben** (reply), 2026-11-06 10:00 UTC:',
        '',
        '> Agreed.',
      ].join('\n'),
    );
  });

  it('an item without a link or details shows only what it has', () => {
    expect(md).toContain('### A book\n\n- Kind: manual\n- Reading time: 5 min\n- Added by: Ben on 2026-11-03 09:30 UTC\n');
  });

  it('marks replies, and shows a deleted comment kept for its replies as deleted', () => {
    const threaded = renderExportMarkdown({
      ...exported,
      items: [
        item({
          comments: [
            {
              id: 'c1',
              body: '',
              author: { id: 'gone', display_name: 'Former member' },
              created_at: '2026-11-04T12:00:00Z',
              updated_at: '2026-11-04T12:00:00Z',
              parent_id: null,
              deleted: true,
            },
            {
              id: 'c2',
              body: 'Still here',
              author: ben,
              created_at: '2026-11-04T13:00:00Z',
              updated_at: '2026-11-04T13:00:00Z',
              parent_id: 'c1',
              deleted: false,
            },
          ],
        }),
      ],
    });
    expect(threaded).toContain(
      '**Former member**, 2026-11-04 12:00 UTC:\n\n> (deleted)\n\n**Ben** (reply), 2026-11-04 13:00 UTC:\n\n> Still here',
    );
  });

  it('leaves the saved copies to the JSON file', () => {
    expect(md).not.toContain('<p>Body</p>');
  });

  it('a queued item without votes, or with votes not yours, says so plainly; an item nobody read has no read line', () => {
    const other = renderExportMarkdown({
      ...exported,
      queue: [
        { ...exported.queue[0]!, votes: 0, voted: false },
        { ...exported.queue[0]!, title: 'Another', votes: 1, voted: false },
      ],
    });
    expect(other).toContain('1. An essay (queued by Ada)\n2. Another (queued by Ada, 1 vote)\n');
    expect(md.endsWith('### A book\n\n- Kind: manual\n- Reading time: 5 min\n- Added by: Ben on 2026-11-03 09:30 UTC\n')).toBe(true);
  });

  it('puts the meetings between the queue and the library', () => {
    expect(md.indexOf('## Queue')).toBeLessThan(md.indexOf('## Meetings'));
    expect(md.indexOf('## Meetings')).toBeLessThan(md.indexOf('## Library'));
    expect(md).toContain('## Meetings\n\nNo meeting is scheduled.\n\nThe group has not met yet.\n\n## Library');
  });

  it('says so when the queue and library are empty', () => {
    const empty = renderExportMarkdown({ ...exported, items: [], queue: [] });
    expect(empty).toContain('Nothing is queued.');
    expect(empty).toContain('The library is empty.');
  });

  it('a hostile title, comment or name stays text: no HTML, link, image or heading', () => {
    const hostile = renderExportMarkdown({
      ...exported,
      exported_by: { id: 'u3', display_name: '**Mallory**' },
      items: [
        item({
          title: '# <img src=x onerror=alert(1)> [click](javascript:alert(1))',
          comments: [
            {
              id: 'c2',
              body: '<script>alert(1)</script>\n- not a list\n1. not a list',
              author: { id: 'u3', display_name: '![x](http://evil.test/x.png)' },
              created_at: '2026-11-04T12:00:00Z',
              updated_at: '2026-11-04T12:00:00Z',
            },
          ],
        }),
      ],
    });
    expect(hostile).not.toMatch(/<img|<script|[^\\]\]\(/);
    expect(hostile).toContain('### \\# &lt;img src=x onerror=alert(1)&gt; \\[click\\](javascript:alert(1))');
    expect(hostile).toContain('> &lt;script&gt;alert(1)&lt;/script&gt;\n> \\- not a list\n> 1\\. not a list');
    expect(hostile).toContain('**!\\[x\\](http://evil.test/x.png)**');
    expect(hostile).toContain('by \\*\\*Mallory\\*\\* (member)');
  });
});

describe('pieces', () => {
  it('escapeMarkdown keeps ordinary text readable', () => {
    expect(escapeMarkdown('  Dr. Who - part 1:  a (long) story! ')).toBe('Dr. Who - part 1: a (long) story!');
  });

  it('markdownLink links only web addresses, and nothing can end the link early', () => {
    expect(markdownLink('https://example.org/a?b=c')).toBe('<https://example.org/a?b=c>');
    expect(markdownLink('https://example.org/a>b')).toBe('<https://example.org/a%3Eb>');
    expect(markdownLink('javascript:alert(1)')).toBeNull();
    expect(markdownLink(null)).toBeNull();
  });

  it('exportFileName is the group name made safe, with the day', () => {
    expect(exportFileName(exported, 'md')).toBe('readclub-tuesday-readers-2026-12-01.md');
    expect(exportFileName({ ...exported, group: { ...exported.group, name: '../Ça va? 📚' } }, 'json')).toBe(
      'readclub-ca-va-2026-12-01.json',
    );
    expect(exportFileName({ ...exported, group: { ...exported.group, name: '📚' } }, 'json')).toBe('readclub-group-2026-12-01.json');
  });
});
