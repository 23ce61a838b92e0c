/** Shared sample data for the component tests. */
import type { ClipPayload, GroupQueue, GroupSummary, ItemDetail } from '@/utils/shared/api-types';

export const ada = { userId: 'u-ada', email: 'ada@example.org', displayName: 'Ada' };

export const groups: GroupSummary[] = [
  { id: 'g1', name: 'Thursday Circle', description: 'Short essays on quiet leadership', role: 'owner', member_count: 3, queue_count: 2 },
  { id: 'g2', name: 'Journal Club', description: null, role: 'member', member_count: 5, queue_count: 0 },
];

export const article: ClipPayload = {
  kind: 'article',
  url: 'https://example.org/reading-circles',
  canonical_url: null,
  title: 'Reading Circles at Work',
  byline: 'Grace H.',
  authors: ['Grace H.'],
  site_name: 'Example Journal',
  excerpt: 'Why small groups read better together.',
  content_html: '<p>…</p>',
  text_length: 5750,
  word_count: 1150,
  lang: 'en',
  dir: 'ltr',
  lead_image_url: null,
  favicon_url: null,
  published_at: '2025-02-27T09:00:00Z',
  modified_at: null,
  selection: false,
  truncated: false,
};

const person = (id: string, name: string) => ({ id, display_name: name });

export const queue: GroupQueue = {
  group: { id: 'g1', name: 'Thursday Circle', role: 'owner' },
  queue: [
    {
      item_id: 'i1',
      position: 1,
      kind: 'article',
      title: 'Reading Circles at Work',
      url: 'https://example.org/reading-circles',
      site_name: 'Example Journal',
      added_by: person('u-ada', 'Ada'),
      tags: ['leadership'],
      comment_count: 1,
      reading_minutes: 5,
    },
    {
      item_id: 'i2',
      position: 2,
      kind: 'article',
      title: 'Deep Work Notes',
      url: 'https://blog.example.com/deep',
      site_name: null,
      added_by: person('u-ben', 'Ben'),
      tags: [],
      comment_count: 2,
      reading_minutes: 12,
    },
  ],
};

export const detail: ItemDetail = {
  item: {
    id: 'i1',
    group_id: 'g1',
    kind: 'article',
    title: 'Reading Circles at Work',
    url: 'https://example.org/reading-circles',
    site_name: 'Example Journal',
    byline: 'Grace H.',
    authors: ['Grace H.'],
    published_at: '2025-02-27T09:00:00Z',
    lang: 'en',
    dir: 'ltr',
    excerpt: 'Why small groups read better together.',
    lead_image_url: null,
    reading_minutes: 5,
    added_by: person('u-ada', 'Ada'),
    created_at: '2025-03-01T10:00:00Z',
  },
  tags: ['leadership'],
  comments: [{ id: 'c1', body: 'Worth an hour on Thursday.', author: person('u-ada', 'Ada'), created_at: '2025-03-01T10:00:00Z' }],
  queue: { position: 1, queued_by: person('u-ada', 'Ada'), queued_at: '2025-03-01T10:00:00Z' },
};

/** The member's selected text on the article page, as its own clip. */
export const selection: ClipPayload = {
  ...article,
  title: 'Reading Circles at Work',
  excerpt: 'Groups of five read more closely than groups of fifty.',
  content_html: '<p>Groups of five read more closely than groups of fifty.</p>',
  text_length: 54,
  word_count: 10,
  selection: true,
};

/** The link card for a video page the clipper could not read as an article. */
export const videoCard: ClipPayload = {
  ...article,
  kind: 'link',
  url: 'https://video.example/watch?v=42',
  title: 'How Reading Groups Work (video)',
  byline: null,
  authors: [],
  site_name: 'VideoSite',
  excerpt: 'A ten-minute tour of a reading group.',
  content_html: null,
  text_length: 0,
  word_count: 0,
  lead_image_url: 'https://video.example/thumb/42.jpg',
  published_at: null,
};

export const videoError = { kind: 'unclippable' as const, message: 'This is a video page: Readclub can save it as a link.' };

/** A book added by hand: no link, no site. */
export const bookEntry: GroupQueue['queue'][number] = {
  item_id: 'i3',
  position: 3,
  kind: 'manual',
  title: 'The Overstory',
  url: null,
  site_name: null,
  added_by: person('u-ben', 'Ben'),
  tags: ['fiction'],
  comment_count: 0,
  reading_minutes: 1,
};

export const bookDetail: ItemDetail = {
  item: {
    ...detail.item,
    id: 'i3',
    kind: 'manual',
    title: 'The Overstory',
    url: null,
    site_name: null,
    byline: 'Richard Powers',
    authors: ['Richard Powers'],
    published_at: null,
    excerpt: null,
    reading_minutes: 1,
    added_by: person('u-ben', 'Ben'),
  },
  tags: ['fiction'],
  comments: [],
  queue: null,
};
