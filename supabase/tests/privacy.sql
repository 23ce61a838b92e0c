-- What members learn about each other and what the server learns about pages:
-- display names never come from the email and hold no invisible characters; find_item
-- takes a hash of the address, never the address; item_detail answers "no such item" and
-- "not in your group" alike.
begin;
set search_path = public, extensions;
select plan(27);

-- Dana signs up with nothing but her email; Rhea owns the group; Sol is in another group.
insert into auth.users (id, email, raw_user_meta_data) values
  ('30000000-0000-4000-8000-0000000000a1', 'dan.private.person@example.org', '{}'),
  ('30000000-0000-4000-8000-0000000000a2', 'rhea@example.org', '{"display_name": "Rhea"}'),
  ('30000000-0000-4000-8000-0000000000a3', 'sol@example.org', '{"display_name": "Sol"}'),
  ('30000000-0000-4000-8000-0000000000a4', 'tricky@example.org', jsonb_build_object('display_name', U&'Tri\202Eck\200By'));
insert into app.groups (id, name, created_by) values
  ('30000000-0000-4000-8000-0000000000b1', 'Private Readers', '30000000-0000-4000-8000-0000000000a2'),
  ('30000000-0000-4000-8000-0000000000b2', 'Elsewhere', '30000000-0000-4000-8000-0000000000a3');
insert into app.group_members (group_id, user_id, role) values
  ('30000000-0000-4000-8000-0000000000b1', '30000000-0000-4000-8000-0000000000a1', 'member');
insert into app.items (id, group_id, client_id, kind, url, canonical_url, title, text_length, added_by) values
  ('30000000-0000-4000-8000-0000000000c1', '30000000-0000-4000-8000-0000000000b1', gen_random_uuid(), 'article',
   'https://amp.example.com/maps/paper-towns.amp?utm_source=x', 'https://example.com/maps/paper-towns',
   'Paper Towns', 1000, '30000000-0000-4000-8000-0000000000a2');

-- ---------- Display names ----------
select is((select display_name from app.profiles where id = '30000000-0000-4000-8000-0000000000a1'), 'New member',
  'Signed up with only an email, a person is "New member", not the email''s local part.');
select ok(not exists (select from app.profiles where display_name ilike '%dan.private%'),
  'No profile is named from an email address.');
select is((select name_set from app.profiles where id = '30000000-0000-4000-8000-0000000000a1'), false,
  'Their name counts as not chosen yet.');
select is((select name_set from app.profiles where id = '30000000-0000-4000-8000-0000000000a2'), true,
  'A name given at sign-up counts as chosen.');
select is((select display_name from app.profiles where id = '30000000-0000-4000-8000-0000000000a4'), 'Tricky',
  'A name given at sign-up loses its invisible characters.');

select tests.act_as('30000000-0000-4000-8000-0000000000a1');
select is(public.my_profile(),
  jsonb_build_object('id', '30000000-0000-4000-8000-0000000000a1', 'display_name', 'New member', 'avatar_url', null, 'name_set', false),
  'my_profile says the name is not chosen yet (the extension then asks for one).');

select tests.act_as('30000000-0000-4000-8000-0000000000a2');
select is(
  (select m ->> 'display_name' from jsonb_array_elements(public.group_members('30000000-0000-4000-8000-0000000000b1')) as m
    where m ->> 'id' = '30000000-0000-4000-8000-0000000000a1'),
  'New member', 'Co-members see "New member" until the person chooses a name.');

select tests.act_as('30000000-0000-4000-8000-0000000000a1');
select throws_ok($$select public.update_profile(U&'Dan\200B', null)$$, '22023',
  'A display name cannot hold invisible characters (zero-width spaces, direction marks); type it again without them.',
  'update_profile refuses a zero-width space (U+200B) with a clear message.');
select throws_ok($$select public.update_profile(U&'\202Enad', null)$$, '22023', null,
  'update_profile refuses a right-to-left override (U+202E).');
select throws_ok($$select public.update_profile(U&'Dan\2066x\2069', null)$$, '22023', null,
  'update_profile refuses directional isolates (U+2066, U+2069).');
select throws_ok($$select public.update_profile(U&'Da\00ADn', null)$$, '22023', null,
  'update_profile refuses a soft hyphen (U+00AD).');
select throws_ok($$select public.update_profile(U&'Dan\+0E0041', null)$$, '22023', null,
  'update_profile refuses a tag character (U+E0041, outside the BMP).');
select throws_ok($$update app.profiles set display_name = U&'Dan\FEFF' where id = '30000000-0000-4000-8000-0000000000a1'$$,
  '23514', null, 'The table itself refuses an invisible character in a display name.');
select is(public.update_profile('Dana', null) ->> 'display_name', 'Dana', 'A visible name is taken.');
select is(public.update_profile(U&'Dan\00E9 \05D3\05E0\05D4 \4E39', null) ->> 'display_name', U&'Dan\00E9 \05D3\05E0\05D4 \4E39',
  'Accented, right-to-left and CJK letters are visible characters, and welcome.');
select is(public.my_profile() -> 'name_set', 'true'::jsonb, 'After update_profile the name counts as chosen.');

select tests.act_as('30000000-0000-4000-8000-0000000000a2');
select is(
  (select m ->> 'display_name' from jsonb_array_elements(public.group_members('30000000-0000-4000-8000-0000000000b1')) as m
    where m ->> 'id' = '30000000-0000-4000-8000-0000000000a1'),
  U&'Dan\00E9 \05D3\05E0\05D4 \4E39', 'Co-members see the chosen name.');

-- ---------- find_item by hash ----------
reset role;
select is(private.url_hash('https://example.com/maps/paper-towns'),
  '73611e5c67f7c967d710c2758838a8cb58703a3cabcdcfc8188ff2b9028e539d',
  'url_hash is the lower-case hex SHA-256 of the UTF-8 text (the value crypto.subtle gives).');
select is((select url_key_hash from app.items where id = '30000000-0000-4000-8000-0000000000c1'),
  private.url_hash('https://example.com/maps/paper-towns'), 'An item keeps the hash of its url_key.');
select is((select page_key_hash from app.items where id = '30000000-0000-4000-8000-0000000000c1'),
  private.url_hash(private.url_key('https://amp.example.com/maps/paper-towns.amp')), 'An item keeps the hash of its page_key.');

select tests.act_as('30000000-0000-4000-8000-0000000000a1');
select is(public.find_item('30000000-0000-4000-8000-0000000000b1', private.url_hash('https://example.com/maps/paper-towns')) -> 'item' ->> 'id',
  '30000000-0000-4000-8000-0000000000c1', 'find_item finds the item by the hash of its canonical key.');
select is(public.find_item('30000000-0000-4000-8000-0000000000b1', private.url_hash('https://amp.example.com/maps/paper-towns.amp')) -> 'item' ->> 'id',
  '30000000-0000-4000-8000-0000000000c1', 'find_item finds the item by the hash of the address it was clipped from.');
select is(public.find_item('30000000-0000-4000-8000-0000000000b1', private.url_hash('https://example.com/elsewhere')), null,
  'find_item answers null for a page nobody saved.');
select throws_ok($$select public.find_item('30000000-0000-4000-8000-0000000000b1', 'https://example.com/maps/paper-towns')$$,
  '22023', null, 'find_item refuses a raw address: only a hash is taken.');
select throws_ok($$select public.find_item('30000000-0000-4000-8000-0000000000b1', upper(private.url_hash('https://example.com/maps/paper-towns')))$$,
  '22023', null, 'find_item takes lower-case hex only.');

-- ---------- item_detail: the same answer for gone and not yours ----------
select tests.act_as('30000000-0000-4000-8000-0000000000a3');
select throws_ok($$select public.item_detail('30000000-0000-4000-8000-0000000000c1')$$,
  'P0001', 'That article is no longer in the library.', 'item_detail of an item in another group: "no longer in the library".');
select throws_ok($$select public.item_detail('30000000-0000-4000-8000-0000000000ff')$$,
  'P0001', 'That article is no longer in the library.', 'item_detail of no such item: the very same answer.');

select * from finish();
rollback;
