import { describe, expect, it } from 'vitest';
import type { AgendaItem, Meeting } from '@/utils/shared/api-types';
import { meetingsMarkdown } from './export-meetings-markdown';

const ada = { id: 'u1', display_name: 'Ada' };
const ben = { id: 'u2', display_name: 'Ben' };

function agenda(title: string, position: number, over: Partial<AgendaItem> = {}): AgendaItem {
  return {
    item_id: `i${position}`,
    title,
    url: null,
    kind: 'link',
    reading_minutes: 3,
    position,
    discussed: false,
    takeaway: null,
    ...over,
  };
}

function meeting(over: Partial<Meeting>): Meeting {
  return {
    id: 'm1',
    group_id: 'g1',
    starts_at: '2026-12-08T18:00:00Z',
    title: 'December',
    place: 'https://call.example/circle',
    lead: ben,
    created_by: ada,
    created_at: '2026-12-01T09:00:00Z',
    ended_at: null,
    agenda: [],
    ...over,
  };
}

const next = meeting({ agenda: [agenda('A chapter', 1), agenda('An essay', 2)] });
const past = meeting({
  id: 'm0',
  starts_at: '2026-11-01T18:00:00Z',
  title: null,
  place: 'The library',
  lead: null,
  ended_at: '2026-11-01T20:00:00Z',
  agenda: [agenda('A poem', 1, { discussed: true, takeaway: 'Read it aloud.\n\nTwice.' }), agenda('A chapter', 2)],
});
const md = meetingsMarkdown({ next, past: [past] }).join('\n');

describe('meetingsMarkdown', () => {
  it('shows the next meeting: when, where (a call link as a link), lead, who scheduled it, agenda in order', () => {
    expect(md).toContain(
      [
        '### Next 2026-12-08 18:00 UTC: December',
        '',
        '- Where: <https://call.example/circle>',
        '- Discussion lead: Ben',
        '- Scheduled by: Ada',
        '',
        'Agenda:',
        '',
        '1. A chapter',
        '2. An essay',
      ].join('\n'),
    );
  });

  it('shows a past meeting with what was discussed and its takeaways quoted under the item', () => {
    expect(md).toContain(
      [
        '### Met 2026-11-01 18:00 UTC',
        '',
        '- Where: The library',
        '- Discussion lead: nobody named',
        '- Scheduled by: Ada',
        '- Finished: 2026-11-01 20:00 UTC',
        '',
        'Agenda and what was discussed:',
        '',
        '1. A poem (discussed)',
        '',
        '   > Read it aloud.\n   >\n   > Twice.',
        '',
        '2. A chapter (carried over)',
      ].join('\n'),
    );
  });

  it('puts the next meeting before past ones, and says so when there are none', () => {
    expect(md.indexOf('### Next')).toBeLessThan(md.indexOf('### Met'));
    expect(meetingsMarkdown({ next: null, past: [] }).join('\n')).toBe(
      '## Meetings\n\nNo meeting is scheduled.\n\nThe group has not met yet.\n',
    );
    expect(meetingsMarkdown({ next: meeting({ agenda: [] }), past: [] }).join('\n')).toContain('Agenda:\n\nNothing was on the agenda.');
  });

  it('a hostile title, place, name or takeaway stays text: no HTML, link, image or heading', () => {
    const hostile = meetingsMarkdown({
      next: meeting({
        title: '<img src=x onerror=alert(1)>',
        place: 'javascript:alert(1) [x](http://evil.test)',
        lead: { id: 'u3', display_name: '# Mallory' },
        agenda: [agenda('![x](http://evil.test/x.png)', 1, { takeaway: '<script>alert(1)</script>\n## not a heading' })],
      }),
      past: [],
    }).join('\n');
    expect(hostile).not.toMatch(/<img|<script|[^\\]\]\(/);
    expect(hostile).toContain('### Next 2026-12-08 18:00 UTC: &lt;img src=x onerror=alert(1)&gt;');
    expect(hostile).toContain('- Where: javascript:alert(1) \\[x\\](http://evil.test)');
    expect(hostile).toContain('- Discussion lead: \\# Mallory');
    expect(hostile).toContain('1. !\\[x\\](http://evil.test/x.png)\n\n   > &lt;script&gt;alert(1)&lt;/script&gt;\n   > \\## not a heading');
  });
});
