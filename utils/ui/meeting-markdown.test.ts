import { describe, expect, test } from 'vitest';
import type { Meeting } from '@/utils/shared/api-types';
import { meetingFileName, meetingMarkdown } from './meeting-markdown';

const meeting: Meeting = {
  id: 'm1',
  group_id: 'g1',
  starts_at: '2026-12-03T18:30:00Z',
  title: 'December *books*',
  place: 'https://meet.example/x',
  lead: { id: 'u2', display_name: 'Ben' },
  created_by: { id: 'u1', display_name: 'Ada' },
  created_at: '2026-11-29T10:00:00Z',
  ended_at: null,
  agenda: [
    {
      item_id: 'a',
      title: 'Walls [and] doors',
      url: 'https://example.com/walls',
      kind: 'article',
      reading_minutes: 12,
      position: 1,
      discussed: false,
      takeaway: null,
    },
    {
      item_id: 'b',
      title: '<img src=x onerror=alert(1)>',
      url: 'javascript:alert(1)',
      kind: 'link',
      reading_minutes: 3,
      position: 2,
      discussed: false,
      takeaway: null,
    },
  ],
};

describe('meetingMarkdown', () => {
  test('an agenda: title, when, where, lead, numbered items with links and minutes', () => {
    const md = meetingMarkdown(meeting, 'Thursday Circle', 'en-GB');
    expect(md).toContain('# December \\*books\\*');
    expect(md).toContain('- Where: https://meet.example/x');
    expect(md).toContain('- Discussion lead: Ben');
    expect(md).toContain('## Agenda');
    expect(md).toContain('1. [Walls \\[and\\] doors](<https://example.com/walls>) · 12 min');
  });

  test('HTML and a javascript: address in a title stay text, never a link or a tag', () => {
    const md = meetingMarkdown(meeting, 'G', 'en-GB');
    expect(md).toContain('2. &lt;img src=x onerror=alert(1)&gt; · 3 min');
    expect(md).not.toContain('javascript:');
  });

  test('notes: discussed or carried over, with takeaways quoted', () => {
    const done = {
      ...meeting,
      ended_at: '2026-12-03T20:00:00Z',
      agenda: [{ ...meeting.agenda[0]!, discussed: true, takeaway: 'Good fences' }, meeting.agenda[1]!],
    };
    const md = meetingMarkdown(done, 'G', 'en-GB');
    expect(md).toContain('## Notes');
    expect(md).toContain('(discussed)\n   > Good fences');
    expect(md).toContain('(carried over)');
    expect(meetingFileName(done, 'Thursday Circle!')).toBe('thursday-circle-2026-12-03-notes.md');
  });

  test('each item lists its highlighted passages to discuss, most discussed first, quoted and escaped, with who marked them', () => {
    const walls = {
      ...meeting.agenda[0]!,
      highlights: [
        {
          id: 'h1',
          exact: 'Good fences\nmake [good](javascript:alert(1)) <b>neighbours</b>',
          author: { id: 'u2', display_name: 'Ben *B*' },
          reply_count: 3,
        },
        { id: 'h2', exact: '# Not a heading', author: { id: 'u1', display_name: 'Ada' }, reply_count: 1 },
      ],
    };
    const md = meetingMarkdown({ ...meeting, agenda: [walls, meeting.agenda[1]!] }, 'G', 'en-GB');
    expect(md).toContain(
      [
        '1. [Walls \\[and\\] doors](<https://example.com/walls>) · 12 min',
        '',
        '   Passages to discuss:',
        '',
        '   Ben \\*B\\* marked (3 replies):',
        '   > Good fences',
        '   > make \\[good\\](javascript:alert(1)) &lt;b&gt;neighbours&lt;/b&gt;',
        '',
        '   Ada marked (1 reply):',
        '   > \\# Not a heading',
        '',
        '2. ',
      ].join('\n'),
    );
    expect(md.match(/Passages to discuss/g)).toHaveLength(1);
  });

  test('a meeting without a title is named after the group', () => {
    expect(meetingMarkdown({ ...meeting, title: null, agenda: [] }, 'Circle', 'en-GB')).toMatch(
      /^# Circle meeting\n[\s\S]*Nothing on the agenda\./,
    );
  });
});
