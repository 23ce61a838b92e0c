/**
 * The side panel benchmark's data, loaded by SQL into the UI database once the member has
 * signed in: "Bench Circle" (theirs) with 1,000 queued items, the first of them with 200
 * comments from five other readers, and a small second group.
 */
export const UI_SEED_EMAIL = 'bench-ui@readclub.test';
export const UI_QUEUE_ITEMS = 1000;
export const UI_THREAD_COMMENTS = 200;

export function uiSeedSql(): string[] {
  const me = `(select id from auth.users where email = '${UI_SEED_EMAIL}')`;
  return [
    `insert into auth.users (id, email, raw_user_meta_data)
     select md5('ui-reader-' || p)::uuid, 'reader' || p || '@bench.test', jsonb_build_object('display_name', 'Reader ' || p)
       from generate_series(1, 5) as p`,
    `insert into app.groups (id, name, created_by) values
       (md5('ui-group-1')::uuid, 'Bench Circle', ${me}), (md5('ui-group-2')::uuid, 'Zeta Circle', ${me})`,
    `insert into app.group_members (group_id, user_id, role)
     select md5('ui-group-1')::uuid, md5('ui-reader-' || p)::uuid, 'member' from generate_series(1, 5) as p`,
    `insert into app.items (id, group_id, client_id, kind, url, title, site_name, excerpt, text_length, word_count, added_by, created_at)
     select md5('ui-item-' || n)::uuid, md5('ui-group-' || case when n <= ${UI_QUEUE_ITEMS} then 1 else 2 end)::uuid, md5('ui-client-' || n)::uuid,
            'article', 'https://site' || (n % 50) || '.example/articles/' || n, 'An article worth discussing, number ' || n,
            'Site ' || (n % 50), 'What it is about, in a line or two.', 9000, 1600,
            case when n % 2 = 0 then ${me} else md5('ui-reader-' || (1 + n % 5))::uuid end, now() - make_interval(mins => n)
       from generate_series(1, ${UI_QUEUE_ITEMS} + 3) as n`,
    `insert into app.item_tags (item_id, group_id, tag)
     select i.id, i.group_id, t from app.items as i, unnest(array['essay', 'science', 'history']) as t
      where i.group_id = md5('ui-group-1')::uuid and (hashtext(i.id::text || t) % 2) = 0`,
    `insert into app.queue_entries (item_id, group_id, position, queued_by)
     select i.id, i.group_id, row_number() over (order by i.created_at desc), i.added_by
       from app.items as i where i.group_id = md5('ui-group-1')::uuid`,
    `insert into app.comments (item_id, group_id, author_id, body, created_at)
     select md5('ui-item-1')::uuid, md5('ui-group-1')::uuid, md5('ui-reader-' || (1 + c % 5))::uuid,
            'Comment ' || c || ': a thought about the article, long enough to wrap onto a second line in the side panel.',
            now() - make_interval(mins => ${UI_THREAD_COMMENTS} - c)
       from generate_series(1, ${UI_THREAD_COMMENTS}) as c`,
  ];
}
