/**
 * The database benchmark's data, as set-based SQL (generate_series, no row-by-row inserts):
 * at scale 1, 1,000,000 items across 10,000 groups, with tags, comments, queue entries and,
 * when the votes migration is there, votes. One group, "Bench Circle", has exactly 500 items,
 * all queued, and the bench member belongs to it and to nine other groups.
 * Votes are seeded only when app.queue_votes exists (the queue migration).
 */
import { createHash } from 'node:crypto';

export interface SeedShape {
  groups: number;
  items: number;
  /** People; each group has an owner and four more members. */
  people: number;
  /** Items in the bench member's own group, all queued (the budgets' "500-item group"). */
  benchGroupItems: number;
  /** Other groups queue every queueEvery-th item. */
  queueEvery: number;
  /** Tags per item (cycled from a vocabulary). */
  tagsPerItem: number;
  /** One comment on every commentEvery-th item (the bench group: three on each). */
  commentEvery: number;
}

/** scale 1 is the full size (1,000,000 items in 10,000 groups); 0.01 a quick run (10,000 items in 100 groups). */
export function seedShape(scale: number): SeedShape {
  if (!(scale > 0 && scale <= 1)) throw new Error('--db-scale is a number in (0, 1], e.g. 0.01 for a quick run.');
  const groups = Math.max(10, Math.round(10_000 * scale));
  return {
    groups,
    items: Math.max(groups * 2 + 500, Math.round(1_000_000 * scale)),
    people: groups * 2,
    benchGroupItems: 500,
    queueEvery: 10,
    tagsPerItem: 2,
    commentEvery: 2,
  };
}

/** Deterministic ids: the same scale always builds the same rows. */
export const personId = (n: number | string): string => `md5('person-' || ${n})::uuid`;
export const groupId = (n: number | string): string => `md5('group-' || ${n})::uuid`;
export const BENCH_MEMBER_EMAIL = 'bench-member@readclub.test';

/** The SQL that loads `shape` into a freshly migrated database, as the postgres role. */
export function seedSql(s: SeedShape): string[] {
  const perGroup = `(${s.groups} - 1)`;
  return [
    // People (the trigger makes each profile). Person 1 is the bench member.
    `insert into auth.users (id, email, raw_user_meta_data)
     select ${personId('p')}, case when p = 1 then '${BENCH_MEMBER_EMAIL}' else 'reader' || p || '@bench.test' end,
            jsonb_build_object('display_name', 'Reader ' || p)
       from generate_series(1, ${s.people}) as p`,
    // Groups: group g is owned by person g (the trigger adds the owner). Group 1 is Bench Circle.
    `insert into app.groups (id, name, created_by)
     select ${groupId('g')}, case when g = 1 then 'Bench Circle' else 'Circle ' || g end, ${personId('g')}
       from generate_series(1, ${s.groups}) as g`,
    // Four more members each, from the other half of the people; the bench member joins groups 2..10.
    `insert into app.group_members (group_id, user_id, role)
     select ${groupId('g')}, ${personId(`${s.groups} + 1 + ((g * 7 + k) % ${s.groups})`)}, 'member'
       from generate_series(1, ${s.groups}) as g, generate_series(0, 3) as k
     union all
     select ${groupId('g')}, ${personId(1)}, 'member' from generate_series(2, 10) as g
     on conflict do nothing`,
    // Items: the bench group's 500, then the rest spread evenly over groups 2..groups.
    // Every third is a link card, the rest articles with a word count and an excerpt for search
    // to find words in. Only the bench group's articles store a body (about 5 KB, "estuary" in
    // its last paragraph), for search to find words deep in and cut snippets from; elsewhere
    // no body (the queue and the policies never read them).
    `insert into app.items (id, group_id, client_id, kind, url, title, site_name, excerpt, content_html, text_length, word_count, added_by, created_at)
     select md5('item-' || n)::uuid, g.id, md5('client-' || n)::uuid,
            case when n % 3 = 0 then 'link' else 'article' end,
            'https://site' || (n % 997) || '.example/articles/' || n,
            (array['Reading', 'Notes on', 'Why', 'The case for', 'A history of'])[1 + n % 5] || ' ' ||
            (array['gardens', 'cities', 'rivers', 'machines', 'letters', 'bridges', 'maps'])[1 + n % 7] || ' ' || n,
            'Site ' || (n % 997),
            'An article about ' || (array['gardens', 'cities', 'rivers', 'machines', 'letters', 'bridges', 'maps'])[1 + n % 7] ||
              ' and ' || (array['winter', 'memory', 'work', 'music', 'water'])[1 + n % 5] || '.',
            case when n <= ${s.benchGroupItems} and n % 3 <> 0
                 then '<p>' || repeat('A paragraph of the article, read and discussed at length. ', 90) ||
                      '</p><p>Down by the <em>estuary</em> the water runs slow &amp; wide.</p>' end,
            case when n % 3 = 0 then 0 else 2000 + n % 30000 end,
            case when n % 3 = 0 then 0 else 400 + n % 6000 end,
            g.owner, now() - make_interval(mins => n)
       from generate_series(1, ${s.items}) as n
       cross join lateral (select case when n <= ${s.benchGroupItems} then ${groupId(1)}
                                       else ${groupId(`2 + (n - ${s.benchGroupItems + 1}) % ${perGroup}`)} end as id,
                                  case when n <= ${s.benchGroupItems} then ${personId(1)}
                                       else ${personId(`2 + (n - ${s.benchGroupItems + 1}) % ${perGroup}`)} end as owner) as g`,
    // Tags from a vocabulary of 40.
    `insert into app.item_tags (item_id, group_id, tag, added_by)
     select i.id, i.group_id, 'tag' || ((n * 7 + t * 13) % 40), i.added_by
       from generate_series(1, ${s.items}) as n
       join app.items as i on i.id = md5('item-' || n)::uuid
       cross join generate_series(1, ${s.tagsPerItem}) as t
     on conflict do nothing`,
    // Comments: three on each bench-group item, one on every other item elsewhere.
    `insert into app.comments (item_id, group_id, author_id, body)
     select i.id, i.group_id, i.added_by, 'Comment ' || c || ' on item ' || n || ': worth discussing.'
       from generate_series(1, ${s.items}) as n
       join app.items as i on i.id = md5('item-' || n)::uuid
       cross join generate_series(1, case when n <= ${s.benchGroupItems} then 3
                                          when n % ${s.commentEvery} = 0 then 1 else 0 end) as c`,
    // Queue: all 500 in the bench group; every queueEvery-th item elsewhere, numbered per group.
    `insert into app.queue_entries (item_id, group_id, position, queued_by)
     select i.id, i.group_id, row_number() over (partition by i.group_id order by i.created_at desc), i.added_by
       from generate_series(1, ${s.items}) as n
       join app.items as i on i.id = md5('item-' || n)::uuid
      where n <= ${s.benchGroupItems} or n % ${s.queueEvery} = 0`,
    // Votes (once the queue migration has them): about a third of each group's members on each queued item.
    `do $$ begin
       if to_regclass('app.queue_votes') is not null then
         insert into app.queue_votes (item_id, group_id, member_id)
         select q.item_id, q.group_id, m.user_id
           from app.queue_entries as q join app.group_members as m on m.group_id = q.group_id
          where abs(hashtext(q.item_id::text || m.user_id::text)) % 3 = 0;
       end if;
     end $$`,
  ];
}

/** What identifies a seeded database: the migrations' text, this seed's text and the scale. */
export function seedVersion(migrations: readonly { name: string; sql: string }[], shape: SeedShape, extra = ''): string {
  const hash = createHash('sha256');
  for (const m of migrations) hash.update(`${m.name}\n${m.sql}\n`);
  hash.update(JSON.stringify(shape));
  hash.update(seedSql(shape).join('\n'));
  hash.update(extra);
  return hash.digest('hex').slice(0, 16);
}
