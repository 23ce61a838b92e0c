-- Highlights: members of every role mark passages of an item's stored copy, read the group's
-- highlights in the reader and reply to them; only the author edits; the author, an owner
-- or an admin deletes (its replies go with it); an outsider and someone signed out see and
-- make none; bad targets and over-long text are refused with the reason; a client id sent
-- twice gives one highlight; the item's own comments and counts leave replies on highlights
-- out; agendas list highlights most discussed first; what's new counts others' highlights;
-- search finds them; removing the item removes them.
begin;
set search_path = public, extensions;
select plan(56);

create table tests.ids (label text primary key, id uuid);
grant select, insert on tests.ids to authenticated;
create function tests.id(p_label text) returns uuid language sql stable as $$
  select id from tests.ids where label = p_label
$$;
grant execute on function tests.id(text) to authenticated;

-- Ola owns "Marks" (b1); Pia is an admin, Quin and Rae are members; Sam owns "Other" (b2).
insert into auth.users (id, email, raw_user_meta_data) values
  ('45000000-0000-4000-8000-0000000000a1', 'ola@test.test', '{"display_name": "Ola"}'),
  ('45000000-0000-4000-8000-0000000000a2', 'pia@test.test', '{"display_name": "Pia"}'),
  ('45000000-0000-4000-8000-0000000000a3', 'quin@test.test', '{"display_name": "Quin"}'),
  ('45000000-0000-4000-8000-0000000000a4', 'sam@test.test', '{"display_name": "Sam"}'),
  ('45000000-0000-4000-8000-0000000000a5', 'rae@test.test', '{"display_name": "Rae"}');
insert into app.groups (id, name, created_by) values
  ('45000000-0000-4000-8000-0000000000b1', 'Marks', '45000000-0000-4000-8000-0000000000a1'),
  ('45000000-0000-4000-8000-0000000000b2', 'Other', '45000000-0000-4000-8000-0000000000a4');
insert into app.group_members (group_id, user_id, role) values
  ('45000000-0000-4000-8000-0000000000b1', '45000000-0000-4000-8000-0000000000a2', 'admin'),
  ('45000000-0000-4000-8000-0000000000b1', '45000000-0000-4000-8000-0000000000a3', 'member'),
  ('45000000-0000-4000-8000-0000000000b1', '45000000-0000-4000-8000-0000000000a5', 'member');
-- Everyone in Marks last looked a minute ago.
insert into app.group_seen (group_id, member_id, seen_at)
select '45000000-0000-4000-8000-0000000000b1', m.user_id, now() - interval '1 minute'
  from app.group_members as m where m.group_id = '45000000-0000-4000-8000-0000000000b1';
insert into app.items (id, group_id, client_id, kind, url, title, content_html, text_length, added_by, created_at) values
  ('45000000-0000-4000-8000-0000000000c1', '45000000-0000-4000-8000-0000000000b1', gen_random_uuid(), 'article',
   'https://example.com/rivers', 'Rivers', '<p>Rivers carve canyons slowly.</p>', 30, '45000000-0000-4000-8000-0000000000a1', now() - interval '2 days'),
  ('45000000-0000-4000-8000-0000000000c2', '45000000-0000-4000-8000-0000000000b1', gen_random_uuid(), 'article',
   'https://example.com/hills', 'Hills', '<p>Hills roll on.</p>', 15, '45000000-0000-4000-8000-0000000000a1', now() - interval '2 days'),
  ('45000000-0000-4000-8000-0000000000c3', '45000000-0000-4000-8000-0000000000b1', gen_random_uuid(), 'article',
   'https://example.com/lakes', 'Lakes', '<p>Lakes lie still.</p>', 16, '45000000-0000-4000-8000-0000000000a3', now() - interval '2 days'),
  ('45000000-0000-4000-8000-0000000000c9', '45000000-0000-4000-8000-0000000000b2', gen_random_uuid(), 'article',
   'https://example.com/other', 'Other', '<p>Elsewhere.</p>', 10, '45000000-0000-4000-8000-0000000000a4', now() - interval '2 days');
insert into app.queue_entries (item_id, group_id, position, queued_by) values
  ('45000000-0000-4000-8000-0000000000c1', '45000000-0000-4000-8000-0000000000b1', 1, '45000000-0000-4000-8000-0000000000a1'),
  ('45000000-0000-4000-8000-0000000000c2', '45000000-0000-4000-8000-0000000000b1', 2, '45000000-0000-4000-8000-0000000000a1');

-- ---------- Making highlights ----------
select tests.act_as('45000000-0000-4000-8000-0000000000a3');
insert into tests.ids select 'quin', (public.add_highlight('45000000-0000-4000-8000-0000000000c1', 'carve canyons', 'Rivers ', ' slowly.',
  7, 20, '  The key line  ', '45000000-0000-4000-8000-00000000c11d') ->> 'id')::uuid;
select is(
  (select jsonb_build_object('exact', h.exact, 'prefix', h.prefix, 'suffix', h.suffix, 'start', h.start_offset,
                             'end', h.end_offset, 'body', h.body, 'author', h.author_id)
     from app.highlights as h where h.id = tests.id('quin')),
  '{"exact": "carve canyons", "prefix": "Rivers ", "suffix": " slowly.", "start": 7, "end": 20, "body": "The key line",
    "author": "45000000-0000-4000-8000-0000000000a3"}'::jsonb,
  'A member marks a passage: quote, context, offsets, the trimmed comment and who marked it are kept.');
select is(
  public.add_highlight('45000000-0000-4000-8000-0000000000c1', 'carve canyons', 'Rivers ', ' slowly.', 7, 20, 'Sent again',
    '45000000-0000-4000-8000-00000000c11d') - 'created_at' - 'updated_at',
  jsonb_build_object('id', tests.id('quin'), 'item_id', '45000000-0000-4000-8000-0000000000c1', 'exact', 'carve canyons',
    'prefix', 'Rivers ', 'suffix', ' slowly.', 'start', 7, 'end', 20, 'body', 'The key line', 'reply_count', 0,
    'author', jsonb_build_object('id', '45000000-0000-4000-8000-0000000000a3', 'display_name', 'Quin', 'avatar_url', null)),
  'The same client id sent twice answers the first highlight, unchanged (the Highlight shape of api-types.ts).');
select is((select count(*)::integer from app.highlights where client_id = '45000000-0000-4000-8000-00000000c11d'), 1,
  'A client id sent twice makes one highlight.');
select throws_ok($$select public.add_highlight('45000000-0000-4000-8000-0000000000c2', 'Hills', '', '', null, null, '',
  '45000000-0000-4000-8000-00000000c11d')$$, '22023', 'That highlight was already sent for another item.',
  'A client id already used on another item is refused.');

select tests.act_as('45000000-0000-4000-8000-0000000000a1');
insert into tests.ids select 'ola', (public.add_highlight('45000000-0000-4000-8000-0000000000c1', 'Rivers', '', ' carve',
  null, null) ->> 'id')::uuid;
select is((select jsonb_build_object('start', start_offset, 'end', end_offset, 'body', body) from app.highlights where id = tests.id('ola')),
  '{"start": null, "end": null, "body": ""}'::jsonb,
  'The owner marks a passage on the live page: no offsets, no comment.');
select tests.act_as('45000000-0000-4000-8000-0000000000a2');
select lives_ok($$insert into tests.ids select 'pia', (public.add_highlight('45000000-0000-4000-8000-0000000000c1', 'slowly', 'canyons ', '.',
  21, 27, 'Patience') ->> 'id')::uuid$$, 'An admin marks a passage.');

-- ---------- Limits ----------
select throws_ok($$select public.add_highlight('45000000-0000-4000-8000-0000000000c1', E' \n ', '', '', null, null)$$,
  '22023', 'Select a passage to highlight first.', 'An empty passage is refused with a message.');
select throws_ok($$select public.add_highlight('45000000-0000-4000-8000-0000000000c1', repeat('x', 2001), '', '', null, null)$$,
  '22023', 'A highlight can be at most 2,000 characters (this passage has 2,001): select less.',
  'A passage over 2,000 characters is refused, saying how long it is.');
select lives_ok($$select public.add_highlight('45000000-0000-4000-8000-0000000000c2', repeat('x', 2000), '', '', 0, 2000)$$,
  'A passage of exactly 2,000 characters is taken.');
select throws_ok($$select public.add_highlight('45000000-0000-4000-8000-0000000000c1', 'Rivers', '', '', null, null, repeat('x', 4001))$$,
  '22023', 'A comment can be at most 4,000 characters (this one has 4,001).', 'A comment over 4,000 characters is refused.');
select throws_ok($$select public.add_highlight('45000000-0000-4000-8000-0000000000c1', 'Rivers', repeat('p', 33), '', null, null)$$,
  '22023', 'The context kept around a highlight is at most 32 characters on each side.', 'Context over 32 characters is refused.');
select throws_ok($$select public.add_highlight('45000000-0000-4000-8000-0000000000c1', 'Rivers', '', '', 0, null)$$,
  '22023', 'A highlight has both a start and an end, or neither.', 'A start without an end is refused.');
select throws_ok($$select public.add_highlight('45000000-0000-4000-8000-0000000000c1', 'Rivers', '', '', 6, 6)$$,
  '22023', 'A highlight ends after it starts, at whole character offsets from 0.', 'An end not after the start is refused.');
select throws_ok($$select public.add_highlight('45000000-0000-4000-8000-0000000000c1', 'Rivers', '', '', -1, 6)$$,
  '22023', 'A highlight ends after it starts, at whole character offsets from 0.', 'A negative start is refused.');
select throws_ok($$insert into app.highlights (item_id, group_id, author_id, exact)
  values ('45000000-0000-4000-8000-0000000000c1', '45000000-0000-4000-8000-0000000000b1', auth.uid(), repeat('x', 2001))$$,
  '23514', null, 'The table itself refuses a passage over 2,000 characters (the CHECK, not only the RPC).');
select throws_ok($$insert into app.highlights (item_id, group_id, author_id, exact, start_offset, end_offset)
  values ('45000000-0000-4000-8000-0000000000c1', '45000000-0000-4000-8000-0000000000b1', auth.uid(), 'x', 5, 2)$$,
  '23514', null, 'The table itself refuses an end before the start.');

-- ---------- Outsiders and the signed out ----------
select tests.act_as('45000000-0000-4000-8000-0000000000a4');
select throws_ok($$select public.add_highlight('45000000-0000-4000-8000-0000000000c1', 'Rivers', '', '', null, null)$$,
  '42501', null, 'An outsider cannot highlight another group''s item.');
select is((select count(*)::integer from app.highlights where group_id = '45000000-0000-4000-8000-0000000000b1'), 0,
  'An outsider sees none of another group''s highlights.');
select throws_ok($$select public.item_reader('45000000-0000-4000-8000-0000000000c1')$$, '42501', null,
  'An outsider cannot open another group''s item in the reader.');
select throws_ok(format($$select public.add_comment('45000000-0000-4000-8000-0000000000c9', 'Sneaky', null, null, %L)$$, tests.id('quin')),
  'P0001', 'The highlight you replied to is no longer there.',
  'An outsider cannot reply to another group''s highlight from an item of their own.');
select throws_ok(format($$select public.edit_highlight(%L, 'Mine')$$, tests.id('quin')), 'P0001', 'That highlight is no longer there.',
  'To an outsider another group''s highlight is not there to edit.');
select throws_ok(format($$select public.delete_highlight(%L)$$, tests.id('quin')), 'P0001', 'That highlight is no longer there.',
  'To an outsider another group''s highlight is not there to delete.');
select tests.signed_out();
select throws_ok($$select public.add_highlight('45000000-0000-4000-8000-0000000000c1', 'Rivers', '', '', null, null)$$,
  '42501', 'Sign in first.', 'Signed out, nobody highlights.');
select is((select count(*)::integer from app.highlights), 0, 'Signed out, nobody sees a highlight.');

-- ---------- Replies ----------
select tests.act_as('45000000-0000-4000-8000-0000000000a2');
insert into tests.ids select 'r1', (public.add_comment('45000000-0000-4000-8000-0000000000c1', 'Slowly indeed', null, null, tests.id('quin')) ->> 'id')::uuid;
select tests.act_as('45000000-0000-4000-8000-0000000000a3');
insert into tests.ids select 'r2', (public.add_comment('45000000-0000-4000-8000-0000000000c1', 'Over ages', null, tests.id('r1')) ->> 'id')::uuid;
select is((select jsonb_agg(jsonb_build_object('highlight', highlight_id = tests.id('quin'), 'parent', parent_id) order by created_at, body desc)
             from app.comments where id in (tests.id('r1'), tests.id('r2'))),
  '[{"highlight": true, "parent": null}, {"highlight": true, "parent": null}]'::jsonb,
  'A reply on a highlight is a comment with its highlight; answering a reply joins the highlight''s flat replies.');
insert into tests.ids select 'own', (public.add_comment('45000000-0000-4000-8000-0000000000c1', 'On the whole piece') ->> 'id')::uuid;
select throws_ok(format($$select public.add_comment('45000000-0000-4000-8000-0000000000c2', 'Wrong item', null, null, %L)$$, tests.id('quin')),
  'P0001', 'The highlight you replied to is no longer there.', 'A reply on a highlight belongs to the highlight''s item.');
select throws_ok(format($$select public.add_comment('45000000-0000-4000-8000-0000000000c1', 'Both', null, %L, %L)$$, tests.id('own'), tests.id('quin')),
  '22023', 'A reply on a highlight answers the highlight, not a comment of the article.',
  'A reply cannot be both on a highlight and to a comment of the article.');

-- ---------- What the reader, the library and the queue show ----------
select tests.act_as('45000000-0000-4000-8000-0000000000a1');
select is(
  (select jsonb_agg(c ->> 'body') from jsonb_array_elements(public.item_reader('45000000-0000-4000-8000-0000000000c1') -> 'comments') as c),
  '["On the whole piece"]'::jsonb, 'The reader''s comments are the item''s own discussion, without replies on highlights.');
-- (Made in one transaction, they share one created_at: compared here in an order of their own.)
select is(
  (select jsonb_agg(jsonb_build_object('exact', h ->> 'exact', 'reply_count', h -> 'reply_count', 'author', h #>> '{author,display_name}',
                                       'replies', (select jsonb_agg(r ->> 'body' order by r ->> 'body' collate "C")
                                                     from jsonb_array_elements(h -> 'replies') as r))
                    order by h ->> 'exact' collate "C")
     from jsonb_array_elements(public.item_reader('45000000-0000-4000-8000-0000000000c1') -> 'highlights') as h),
  '[{"exact": "Rivers", "reply_count": 0, "author": "Ola", "replies": null},
    {"exact": "carve canyons", "reply_count": 2, "author": "Quin", "replies": ["Over ages", "Slowly indeed"]},
    {"exact": "slowly", "reply_count": 0, "author": "Pia", "replies": null}]'::jsonb,
  'The reader lists every highlight of the item with its author, reply count and replies.');
select is((select (e ->> 'comment_count')::integer from jsonb_array_elements(public.group_library('45000000-0000-4000-8000-0000000000b1') -> 'entries') as e
            where e ->> 'item_id' = '45000000-0000-4000-8000-0000000000c1'), 1,
  'The library''s comment count leaves replies on highlights out.');
select is((public.group_queue('45000000-0000-4000-8000-0000000000b1') #>> '{queue,0,comment_count}')::integer, 1,
  'The queue''s comment count leaves replies on highlights out.');
select is((public.item_detail('45000000-0000-4000-8000-0000000000c1') -> 'comments' -> 0 ->> 'body'), 'On the whole piece',
  'item_detail''s comments leave replies on highlights out.');
select is(jsonb_array_length(public.item_detail('45000000-0000-4000-8000-0000000000c1') -> 'comments'), 1,
  'item_detail lists only the item''s own comment.');
select is((select jsonb_agg(e ->> 'title') from jsonb_array_elements(public.search_library('45000000-0000-4000-8000-0000000000b1', 'patience') -> 'entries') as e),
  '["Rivers"]'::jsonb, 'Search finds an item by the comment on one of its highlights.');

-- ---------- Editing ----------
select throws_ok(format($$select public.edit_highlight(%L, 'Mine now')$$, tests.id('quin')), '42501', 'Only its author can edit a highlight.',
  'The owner cannot edit a member''s highlight.');
select tests.act_as('45000000-0000-4000-8000-0000000000a3');
select is(public.edit_highlight(tests.id('quin'), ' Carving, not cutting ') ->> 'body', 'Carving, not cutting', 'The author edits their comment.');
select throws_ok(format($$select public.edit_highlight(%L, repeat('x', 4001))$$, tests.id('quin')), '22023',
  'A comment can be at most 4,000 characters (this one has 4,001).', 'An edit over 4,000 characters is refused.');
select throws_ok($$update app.highlights set exact = 'other words' where author_id = auth.uid()$$, '42501', null,
  'The passage itself never changes: only the comment may.');

-- ---------- Deleting ----------
select throws_ok(format($$select public.delete_highlight(%L)$$, tests.id('ola')), '42501',
  'Only its author, or an owner or admin, can delete a highlight.', 'A member cannot delete someone else''s highlight.');
insert into tests.ids select 'quin2', (public.add_highlight('45000000-0000-4000-8000-0000000000c1', 'slowly', '', '', null, null) ->> 'id')::uuid;
select lives_ok(format($$select public.delete_highlight(%L)$$, tests.id('quin2')), 'A member deletes their own highlight.');
select tests.act_as('45000000-0000-4000-8000-0000000000a2');
select lives_ok(format($$select public.delete_highlight(%L)$$, tests.id('ola')), 'An admin deletes the owner''s highlight.');
select tests.act_as('45000000-0000-4000-8000-0000000000a1');
insert into tests.ids select 'lake', (public.add_highlight('45000000-0000-4000-8000-0000000000c3', 'still', '', '', null, null) ->> 'id')::uuid;
select tests.act_as('45000000-0000-4000-8000-0000000000a2');
select lives_ok(format($$select public.add_comment('45000000-0000-4000-8000-0000000000c3', 'Calm', null, null, %L)$$, tests.id('lake')),
  'A reply on the lake highlight.');
select tests.act_as('45000000-0000-4000-8000-0000000000a1');
insert into tests.ids select 'roll', (public.add_highlight('45000000-0000-4000-8000-0000000000c2', 'roll', '', '', null, null) ->> 'id')::uuid;
select lives_ok(format($$select public.delete_highlight(%L)$$, tests.id('pia')), 'The owner deletes an admin''s highlight.');
reset role;
select is((select count(*)::integer from app.highlights where id in (tests.id('quin2'), tests.id('ola'), tests.id('pia'))), 0,
  'Deleted highlights are gone.');

-- ---------- Meeting agendas: most discussed first ----------
-- On Hills (c2): the 2,000-character one (oldest, no reply), then two more: one with two replies, one with one.
select tests.act_as('45000000-0000-4000-8000-0000000000a3');
insert into tests.ids select 'one', (public.add_highlight('45000000-0000-4000-8000-0000000000c2', 'Hills', '', '', null, null) ->> 'id')::uuid;
select public.add_comment('45000000-0000-4000-8000-0000000000c2', 'One reply', null, null, tests.id('one'));
select public.add_comment('45000000-0000-4000-8000-0000000000c2', 'First of two', null, null, tests.id('roll'));
select public.add_comment('45000000-0000-4000-8000-0000000000c2', 'Second of two', null, null, tests.id('roll'));
insert into tests.ids select 'later', (public.add_highlight('45000000-0000-4000-8000-0000000000c2', 'on', '', '', null, null) ->> 'id')::uuid;
reset role;
update app.highlights set created_at = now() + interval '1 second' where id = tests.id('later');
insert into app.meetings (id, group_id, starts_at, created_by) values
  ('45000000-0000-4000-8000-0000000000e1', '45000000-0000-4000-8000-0000000000b1', now() + interval '1 day', '45000000-0000-4000-8000-0000000000a1');
insert into app.meeting_items (meeting_id, item_id, group_id, position) values
  ('45000000-0000-4000-8000-0000000000e1', '45000000-0000-4000-8000-0000000000c2', '45000000-0000-4000-8000-0000000000b1', 1);
select tests.act_as('45000000-0000-4000-8000-0000000000a3');
select is(
  (select jsonb_agg(jsonb_build_object('exact', left(h ->> 'exact', 5), 'reply_count', h -> 'reply_count', 'author', h #>> '{author,display_name}'))
     from jsonb_array_elements(public.group_meetings('45000000-0000-4000-8000-0000000000b1') #> '{next,agenda,0,highlights}') as h),
  '[{"exact": "roll", "reply_count": 2, "author": "Ola"}, {"exact": "Hills", "reply_count": 1, "author": "Quin"},
    {"exact": "xxxxx", "reply_count": 0, "author": "Pia"}, {"exact": "on", "reply_count": 0, "author": "Quin"}]'::jsonb,
  'A meeting''s agenda lists each item''s highlights most discussed first (most replies, then oldest).');

-- ---------- What's new ----------
select is(public.group_news('45000000-0000-4000-8000-0000000000b1') -> 'new_highlights',
  jsonb_build_object('45000000-0000-4000-8000-0000000000c2', 2, '45000000-0000-4000-8000-0000000000c3', 1),
  'What''s new counts the highlights others made since the member looked, per item, not their own (none left of others'' on Rivers).');
select is(public.group_news('45000000-0000-4000-8000-0000000000b1') -> 'queued',
  '["45000000-0000-4000-8000-0000000000c1", "45000000-0000-4000-8000-0000000000c2"]'::jsonb,
  'A queued item with only new highlights (Hills) is among the queued news.');
select tests.act_as('45000000-0000-4000-8000-0000000000a5');
select is(public.group_news('45000000-0000-4000-8000-0000000000b1') -> 'new_highlights',
  jsonb_build_object('45000000-0000-4000-8000-0000000000c1', 1, '45000000-0000-4000-8000-0000000000c2', 4,
                     '45000000-0000-4000-8000-0000000000c3', 1),
  'A member who made none counts every highlight left since they looked.');
select lives_ok($$select public.mark_seen('45000000-0000-4000-8000-0000000000b1')$$, 'Rae marks the group seen.');

-- ---------- Removing the item ----------
select tests.act_as('45000000-0000-4000-8000-0000000000a1');
select lives_ok($$select public.delete_item('45000000-0000-4000-8000-0000000000c3')$$, 'The owner removes Lakes.');
reset role;
select is((select count(*)::integer from app.highlights where item_id = '45000000-0000-4000-8000-0000000000c3')
          + (select count(*)::integer from app.comments where item_id = '45000000-0000-4000-8000-0000000000c3'), 0,
  'A removed item''s highlights and their replies go with it.');

-- ---------- Export ----------
select tests.act_as('45000000-0000-4000-8000-0000000000a2');
select is(
  (select jsonb_build_object(
            'comments', (select jsonb_agg(c ->> 'body') from jsonb_array_elements(i -> 'comments') as c),
            'highlights', (select jsonb_agg(jsonb_build_object('exact', h ->> 'exact', 'body', h ->> 'body', 'start', h -> 'start',
                                                               'replies', jsonb_array_length(h -> 'replies'))) from jsonb_array_elements(i -> 'highlights') as h))
     from jsonb_array_elements(public.export_group('45000000-0000-4000-8000-0000000000b1') -> 'items') as i
    where i ->> 'id' = '45000000-0000-4000-8000-0000000000c1'),
  '{"comments": ["On the whole piece"],
    "highlights": [{"exact": "carve canyons", "body": "Carving, not cutting", "start": 7, "replies": 2}]}'::jsonb,
  'The export holds each item''s highlights with their replies; its comments are the item''s own.');

-- ---------- Account deletion ----------
-- Rae marks two passages; Quin replies to the first; Rae replies on Quin's highlight.
select tests.act_as('45000000-0000-4000-8000-0000000000a5');
insert into tests.ids select 'rae1', (public.add_highlight('45000000-0000-4000-8000-0000000000c1', 'canyons', '', '', null, null, 'Deep') ->> 'id')::uuid;
insert into tests.ids select 'rae2', (public.add_highlight('45000000-0000-4000-8000-0000000000c1', 'carve', '', '', null, null) ->> 'id')::uuid;
select public.add_comment('45000000-0000-4000-8000-0000000000c1', 'Rae was here', null, null, tests.id('quin'));
select tests.act_as('45000000-0000-4000-8000-0000000000a3');
select public.add_comment('45000000-0000-4000-8000-0000000000c1', 'Quin answers Rae', null, null, tests.id('rae1'));
select tests.act_as('45000000-0000-4000-8000-0000000000a5');
select is(public.delete_account('DELETE'),
  '{"deleted_groups": 0, "deleted_comments": 1, "deleted_highlights": 2, "deleted_items": 0, "kept_items": 0}'::jsonb,
  'Rae deletes her account: her reply and both her highlights are counted.');
reset role;
select is((select jsonb_build_object('author', author_id, 'body', body, 'exact', exact) from app.highlights where id = tests.id('rae1')),
  '{"author": null, "body": "", "exact": "canyons"}'::jsonb,
  'Her highlight that another member replied to stays for that reply: its comment blanked, without an author.');
select is((select count(*)::integer from app.highlights where id = tests.id('rae2'))
          + (select count(*)::integer from app.comments where body = 'Rae was here'), 0,
  'Her other highlight and her reply are gone.');
select is((select count(*)::integer from app.comments where highlight_id = tests.id('rae1')), 1,
  'The other member''s reply keeps its highlight.');

select * from finish();
rollback;
