-- The reader's copy: item_reader gives a member the clipped copy and refuses anyone outside
-- the group.
begin;
set search_path = public, extensions;
select plan(2);

-- Tara owns "Talk"; Uma is an admin; Vic a member; Wes is in no group of theirs.
insert into auth.users (id, email, raw_user_meta_data) values
  ('13000000-0000-4000-8000-0000000000a1', 'tara@test.test', '{"display_name": "Tara"}'),
  ('13000000-0000-4000-8000-0000000000a2', 'uma@test.test', '{"display_name": "Uma"}'),
  ('13000000-0000-4000-8000-0000000000a3', 'vic@test.test', '{"display_name": "Vic"}'),
  ('13000000-0000-4000-8000-0000000000a4', 'wes@test.test', '{"display_name": "Wes"}');
insert into app.groups (id, name, created_by) values
  ('13000000-0000-4000-8000-0000000000b1', 'Talk', '13000000-0000-4000-8000-0000000000a1');
insert into app.group_members (group_id, user_id, role) values
  ('13000000-0000-4000-8000-0000000000b1', '13000000-0000-4000-8000-0000000000a2', 'admin'),
  ('13000000-0000-4000-8000-0000000000b1', '13000000-0000-4000-8000-0000000000a3', 'member');
insert into app.items (id, group_id, client_id, kind, url, title, content_html, text_length, added_by, created_at) values
  ('13000000-0000-4000-8000-0000000000c1', '13000000-0000-4000-8000-0000000000b1', gen_random_uuid(), 'article',
   'https://example.com/walls', 'Walls', '<p>About walls.</p>', 12, '13000000-0000-4000-8000-0000000000a1', now() - interval '2 days'),
  ('13000000-0000-4000-8000-0000000000c2', '13000000-0000-4000-8000-0000000000b1', gen_random_uuid(), 'link',
   'https://example.com/doors', 'Doors', null, 0, '13000000-0000-4000-8000-0000000000a3', now() - interval '1 day');

-- ---------- Reader ----------
select tests.act_as('13000000-0000-4000-8000-0000000000a1');
select is(public.item_reader('13000000-0000-4000-8000-0000000000c1') ->> 'content_html', '<p>About walls.</p>',
  'item_reader gives a member the clipped copy.');
select tests.act_as('13000000-0000-4000-8000-0000000000a4');
select throws_ok($$select public.item_reader('13000000-0000-4000-8000-0000000000c1')$$, '42501', 'You are not a member of this group.',
  'Someone outside the group cannot read the clipped copy.');

select * from finish();
rollback;
