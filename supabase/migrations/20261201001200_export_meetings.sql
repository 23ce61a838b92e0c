-- =====================================================================================
-- Export with meetings (issue 6, part 6): export_group now also holds
-- * meetings: the next one and past ones (newest first), each as group_meetings gives it
--   (private.meeting_json: time, title, place, lead, who scheduled it, agenda in order with
--   discussed flags and takeaways);
-- * the exporting member's own marks: per item when they marked it read (read_at, null: not
--   yet) and how many members did (read_count); per queue entry whether they voted (voted).
-- Otherwise the definition of 20261201000700_your_data (its keys unchanged, these added);
-- this is now its latest definition. Still SECURITY INVOKER: row-level security decides
-- what is in it.
-- utils/api-types.ts (GroupExport) is the contract.
-- =====================================================================================

create or replace function public.export_group(p_group_id uuid)
returns jsonb
language plpgsql
stable
security invoker
set search_path = ''
as $$
declare
  v_uid uuid := (select auth.uid());
  v_role text := private.require_membership(p_group_id);
begin
  return jsonb_build_object(
    'format', 'readclub-export',
    'version', 1,
    'exported_at', now(),
    'exported_by', private.person(v_uid, (select p.display_name from public.profiles as p where p.id = v_uid)),
    'group', (
      select jsonb_build_object('id', g.id, 'name', g.name, 'description', g.description,
                                'created_at', g.created_at, 'my_role', v_role)
        from public.groups as g where g.id = p_group_id),
    'members', coalesce((
      select jsonb_agg(jsonb_build_object('id', m.user_id, 'display_name', coalesce(p.display_name, 'Former member'),
                                          'role', m.role, 'joined_at', m.joined_at)
                       order by m.joined_at, m.user_id)
        from public.group_members as m
        left join public.profiles as p on p.id = m.user_id
       where m.group_id = p_group_id), '[]'::jsonb),
    'items', coalesce((
      select jsonb_agg(
               jsonb_build_object(
                 'id', i.id,
                 'kind', i.kind,
                 'title', i.title,
                 'url', i.url,
                 'canonical_url', i.canonical_url,
                 'site_name', i.site_name,
                 'byline', i.byline,
                 'authors', to_jsonb(i.authors),
                 'published_at', i.published_at,
                 'modified_at', i.modified_at,
                 'lang', i.lang,
                 'dir', i.dir,
                 'excerpt', i.excerpt,
                 'lead_image_url', i.lead_image_url,
                 'favicon_url', i.favicon_url,
                 'word_count', i.word_count,
                 'reading_minutes', i.reading_minutes,
                 'selection', i.is_selection,
                 'content_html', i.content_html,
                 'added_by', private.person(i.added_by, adder.display_name),
                 'created_at', i.created_at,
                 'tags', coalesce((
                   select jsonb_agg(jsonb_build_object('tag', t.tag, 'added_by', private.person(t.added_by, tagger.display_name),
                                                       'created_at', t.created_at) order by t.tag)
                     from public.item_tags as t
                     left join public.profiles as tagger on tagger.id = t.added_by
                    where t.group_id = p_group_id and t.item_id = i.id), '[]'::jsonb),
                 'comments', coalesce((
                   select jsonb_agg(jsonb_build_object('id', c.id, 'body', c.body,
                                                       'author', private.person(c.author_id, author.display_name),
                                                       'created_at', c.created_at, 'updated_at', c.updated_at,
                                                       'parent_id', c.parent_id, 'deleted', c.deleted_at is not null)
                                    order by c.created_at, c.id)
                     from public.comments as c
                     left join public.profiles as author on author.id = c.author_id
                    where c.group_id = p_group_id and c.item_id = i.id), '[]'::jsonb),
                 'queue', private.queue_place(i.id),
                 -- Read marks: when I marked it read (null: not yet), and how many members did.
                 'read_at', (select r.read_at from public.item_reads as r where r.item_id = i.id and r.member_id = v_uid),
                 'read_count', (select count(*)::integer from public.item_reads as r where r.item_id = i.id))
               order by i.created_at, i.id)
        from public.items as i
        left join public.profiles as adder on adder.id = i.added_by
       where i.group_id = p_group_id), '[]'::jsonb),
    'queue', coalesce((
      select jsonb_agg(jsonb_build_object('item_id', q.item_id, 'title', i.title, 'position', q.position,
                                          'queued_by', private.person(q.queued_by, queuer.display_name),
                                          'queued_at', q.queued_at,
                                          'votes', (select count(*)::integer from public.queue_votes as v where v.item_id = q.item_id),
                                          'voted', exists (select from public.queue_votes as v where v.item_id = q.item_id and v.member_id = v_uid))
                       order by q.position)
        from public.queue_entries as q
        join public.items as i on i.id = q.item_id
        left join public.profiles as queuer on queuer.id = q.queued_by
       where q.group_id = p_group_id), '[]'::jsonb),
    -- group_meetings' shape without can_manage: the next meeting and past ones, newest first,
    -- each with its lead, agenda in order, what was discussed and the takeaways.
    'meetings', jsonb_build_object(
      'next', (select private.meeting_json(m.id) from public.meetings as m
                where m.group_id = p_group_id and m.ended_at is null),
      'past', coalesce((select jsonb_agg(private.meeting_json(m.id) order by m.starts_at desc, m.id)
                          from public.meetings as m
                         where m.group_id = p_group_id and m.ended_at is not null), '[]'::jsonb)));
end;
$$;

comment on function public.export_group(uuid) is
  'RPC export_group(p_group_id) → GroupExport: everything the signed-in member can see in the group (the group, members, every item with its metadata, copy, tags, comments and read marks, the queue with votes, the meetings with agendas, discussed items and takeaways), as of now. SECURITY INVOKER: row-level security decides what is in it. 42501 for non-members.';
