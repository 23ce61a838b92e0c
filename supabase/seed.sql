-- =====================================================================================
-- Demo data for a fresh development database (supabase db reset / npm run dev).
--
--   Sign in as ada@readclub.test (owner), ben@readclub.test (admin) or
--   cleo@readclub.test (member) of "Thursday Reading Circle". Invite code: DEMO-CIRCLE.
--   Four clips (three articles, a podcast link) and a book added by hand, with tags,
--   comments and two highlights; four of them queued for the next meeting.
--
-- Runs as the database owner (RLS does not apply). Safe to run twice: fixed ids, and
-- every insert skips rows that already exist.
-- =====================================================================================

-- ---------- People (the on_auth_user_created trigger makes their profiles) ----------
insert into auth.users (instance_id, id, aud, role, email, email_confirmed_at, raw_app_meta_data, raw_user_meta_data, created_at, updated_at)
values
  ('00000000-0000-0000-0000-000000000000', 'ada00000-0000-4000-8000-000000000001', 'authenticated', 'authenticated',
   'ada@readclub.test', now(), '{"provider": "email", "providers": ["email"]}', '{"display_name": "Ada"}', now(), now()),
  ('00000000-0000-0000-0000-000000000000', 'be000000-0000-4000-8000-000000000002', 'authenticated', 'authenticated',
   'ben@readclub.test', now(), '{"provider": "email", "providers": ["email"]}', '{"display_name": "Ben"}', now(), now()),
  ('00000000-0000-0000-0000-000000000000', 'c1e00000-0000-4000-8000-000000000003', 'authenticated', 'authenticated',
   'cleo@readclub.test', now(), '{"provider": "email", "providers": ["email"]}', '{"display_name": "Cleo"}', now(), now())
on conflict (id) do nothing;

-- On a real Supabase (supabase start), GoTrue signs email users in through auth.identities.
do $$
begin
  if to_regclass('auth.identities') is not null then
    execute $sql$
      insert into auth.identities (id, user_id, provider_id, provider, identity_data, last_sign_in_at, created_at, updated_at)
      select u.id, u.id, u.id::text, 'email',
             jsonb_build_object('sub', u.id::text, 'email', u.email, 'email_verified', true),
             now(), now(), now()
        from auth.users as u
       where u.email in ('ada@readclub.test', 'ben@readclub.test', 'cleo@readclub.test')
      on conflict do nothing
    $sql$;
  end if;
end
$$;

-- ---------- The group (the trigger makes Ada its owner) ----------
insert into app.groups (id, name, created_by, created_at)
values ('d0000000-0000-4000-8000-00000000c1c1', 'Thursday Reading Circle', 'ada00000-0000-4000-8000-000000000001', now() - interval '21 days')
on conflict (id) do nothing;

insert into app.group_members (group_id, user_id, role, joined_at)
values
  ('d0000000-0000-4000-8000-00000000c1c1', 'be000000-0000-4000-8000-000000000002', 'admin', now() - interval '20 days'),
  ('d0000000-0000-4000-8000-00000000c1c1', 'c1e00000-0000-4000-8000-000000000003', 'member', now() - interval '14 days')
on conflict (group_id, user_id) do nothing;

-- A long-lived demo invite (no expiry, no use limit). Codes are stored only as their sha256
-- (private.invite_code_hash: upper-case letters and digits, so DEMO-CIRCLE is hashed as DEMOCIRCLE).
insert into app.group_invites (id, code_hash, hint, group_id, created_by, expires_at)
values ('d1000000-0000-4000-8000-00000000c1c1', sha256(convert_to('DEMOCIRCLE', 'UTF8')), 'RCLE',
        'd0000000-0000-4000-8000-00000000c1c1', 'ada00000-0000-4000-8000-000000000001', null)
on conflict (id) do nothing;

-- ---------- The library ----------
insert into app.items (id, group_id, client_id, kind, url, canonical_url, title, byline, authors, site_name, excerpt,
                          content_html, text_length, word_count, lang, dir, lead_image_url, published_at, added_by, created_at)
values
  ('e0000000-0000-4000-8000-000000000001', 'd0000000-0000-4000-8000-00000000c1c1', 'f0000000-0000-4000-8000-000000000001',
   'article', 'https://essays.example.org/slow-reading?utm_source=newsletter', 'https://essays.example.org/slow-reading',
   'In Praise of Slow Reading', 'M. Example', '{M. Example}', 'Example Essays',
   'Why reading less, more carefully, is worth it.',
   '<p>Why reading less, more carefully, is worth it.</p><p>(Demo text for the Readclub seed.)</p>',
   9200, 1790, 'en', 'ltr', null, '2026-10-02T07:00:00Z', 'ada00000-0000-4000-8000-000000000001', now() - interval '6 days'),
  ('e0000000-0000-4000-8000-000000000002', 'd0000000-0000-4000-8000-00000000c1c1', 'f0000000-0000-4000-8000-000000000002',
   'article', 'https://www.example.com/longform/the-library-of-tomorrow', null,
   'The Library of Tomorrow', 'R. Sample and T. Example', '{R. Sample,T. Example}', 'Example Longform',
   'What public libraries are becoming, and what they should keep.',
   '<p>What public libraries are becoming, and what they should keep.</p><p>(Demo text for the Readclub seed.)</p>',
   23000, 4480, 'en', 'ltr', null, '2026-09-18T12:30:00Z', 'be000000-0000-4000-8000-000000000002', now() - interval '4 days'),
  ('e0000000-0000-4000-8000-000000000003', 'd0000000-0000-4000-8000-00000000c1c1', 'f0000000-0000-4000-8000-000000000003',
   'link', 'https://podcasts.example.net/episodes/42', null,
   'Episode 42: Reading Groups Through History', null, '{}', 'Example Podcasts', null,
   null, 0, 0, 'en', null, null, '2026-11-20T05:00:00Z', 'c1e00000-0000-4000-8000-000000000003', now() - interval '2 days'),
  ('e0000000-0000-4000-8000-000000000004', 'd0000000-0000-4000-8000-00000000c1c1', 'f0000000-0000-4000-8000-000000000004',
   'article', 'https://blog.example.io/2026/notes-on-attention/', null,
   'Notes on Attention', 'J. Placeholder', '{J. Placeholder}', 'Example Blog',
   'Short notes on where attention goes when we read on screens.',
   '<p>Short notes on where attention goes when we read on screens.</p><p>(Demo text for the Readclub seed.)</p>',
   5600, 1150, 'en', 'ltr', null, '2026-11-26T18:45:00Z', 'ada00000-0000-4000-8000-000000000001', now() - interval '1 day'),
  -- A book added by hand: no web page, so no URL and no content.
  ('e0000000-0000-4000-8000-000000000005', 'd0000000-0000-4000-8000-00000000c1c1', 'f0000000-0000-4000-8000-000000000005',
   'manual', null, null,
   'Middlemarch', 'George Eliot', '{George Eliot}', null,
   'A study of provincial life: chapters 1 to 10 for December.',
   null, 0, 0, 'en', null, null, '1871-12-01T00:00:00Z', 'c1e00000-0000-4000-8000-000000000003', now() - interval '3 hours')
on conflict (id) do nothing;

insert into app.item_tags (item_id, group_id, tag, added_by)
values
  ('e0000000-0000-4000-8000-000000000001', 'd0000000-0000-4000-8000-00000000c1c1', 'essay', 'ada00000-0000-4000-8000-000000000001'),
  ('e0000000-0000-4000-8000-000000000001', 'd0000000-0000-4000-8000-00000000c1c1', 'attention', 'ada00000-0000-4000-8000-000000000001'),
  ('e0000000-0000-4000-8000-000000000002', 'd0000000-0000-4000-8000-00000000c1c1', 'libraries', 'be000000-0000-4000-8000-000000000002'),
  ('e0000000-0000-4000-8000-000000000002', 'd0000000-0000-4000-8000-00000000c1c1', 'longread', 'be000000-0000-4000-8000-000000000002'),
  ('e0000000-0000-4000-8000-000000000003', 'd0000000-0000-4000-8000-00000000c1c1', 'podcast', 'c1e00000-0000-4000-8000-000000000003'),
  ('e0000000-0000-4000-8000-000000000003', 'd0000000-0000-4000-8000-00000000c1c1', 'history', 'c1e00000-0000-4000-8000-000000000003'),
  ('e0000000-0000-4000-8000-000000000004', 'd0000000-0000-4000-8000-00000000c1c1', 'attention', 'ada00000-0000-4000-8000-000000000001'),
  ('e0000000-0000-4000-8000-000000000005', 'd0000000-0000-4000-8000-00000000c1c1', 'novel', 'c1e00000-0000-4000-8000-000000000003')
on conflict (item_id, tag) do nothing;

insert into app.comments (id, item_id, group_id, author_id, body, created_at, updated_at)
values
  ('c0000000-0000-4000-8000-000000000001', 'e0000000-0000-4000-8000-000000000001', 'd0000000-0000-4000-8000-00000000c1c1',
   'ada00000-0000-4000-8000-000000000001', 'Worth an evening: the middle section especially.', now() - interval '6 days', now() - interval '6 days'),
  ('c0000000-0000-4000-8000-000000000002', 'e0000000-0000-4000-8000-000000000001', 'd0000000-0000-4000-8000-00000000c1c1',
   'be000000-0000-4000-8000-000000000002', 'Agreed. Could we pair it with the attention notes?', now() - interval '5 days', now() - interval '5 days'),
  ('c0000000-0000-4000-8000-000000000003', 'e0000000-0000-4000-8000-000000000002', 'd0000000-0000-4000-8000-00000000c1c1',
   'be000000-0000-4000-8000-000000000002', 'Long, but the last third is the discussion we keep having.', now() - interval '4 days', now() - interval '4 days'),
  ('c0000000-0000-4000-8000-000000000004', 'e0000000-0000-4000-8000-000000000003', 'd0000000-0000-4000-8000-00000000c1c1',
   'c1e00000-0000-4000-8000-000000000003', 'For the commute: 40 minutes.', now() - interval '2 days', now() - interval '2 days'),
  ('c0000000-0000-4000-8000-000000000005', 'e0000000-0000-4000-8000-000000000005', 'd0000000-0000-4000-8000-00000000c1c1',
   'c1e00000-0000-4000-8000-000000000003', 'The library has six copies; the Penguin edition''s page numbers, please.', now() - interval '3 hours', now() - interval '3 hours')
on conflict (id) do nothing;

-- Highlights: Ben marked a passage in the reader (quote and offsets), Cleo replied; Cleo
-- marked one on the live page (quote only).
insert into app.highlights (id, item_id, group_id, author_id, exact, prefix, suffix, start_offset, end_offset, body,
                            created_at, updated_at)
values
  ('4a000000-0000-4000-8000-000000000001', 'e0000000-0000-4000-8000-000000000001', 'd0000000-0000-4000-8000-00000000c1c1',
   'be000000-0000-4000-8000-000000000002', 'more carefully', 'Why reading less, ', ', is worth it.(Demo text for the', 18, 32,
   'This is the whole argument in two words.', now() - interval '5 days', now() - interval '5 days'),
  ('4a000000-0000-4000-8000-000000000002', 'e0000000-0000-4000-8000-000000000002', 'd0000000-0000-4000-8000-00000000c1c1',
   'c1e00000-0000-4000-8000-000000000003', 'what they should keep', 'lic libraries are becoming, and ', '.(Demo text for the Readclub see',
   null, null, '', now() - interval '3 days', now() - interval '3 days')
on conflict (id) do nothing;

insert into app.comments (id, item_id, group_id, author_id, body, highlight_id, created_at, updated_at)
values
  ('c0000000-0000-4000-8000-000000000006', 'e0000000-0000-4000-8000-000000000001', 'd0000000-0000-4000-8000-00000000c1c1',
   'c1e00000-0000-4000-8000-000000000003', 'And slower, surely?', '4a000000-0000-4000-8000-000000000001',
   now() - interval '4 days', now() - interval '4 days')
on conflict (id) do nothing;

insert into app.queue_entries (item_id, group_id, position, queued_by, queued_at)
values
  ('e0000000-0000-4000-8000-000000000001', 'd0000000-0000-4000-8000-00000000c1c1', 1, 'ada00000-0000-4000-8000-000000000001', now() - interval '6 days'),
  ('e0000000-0000-4000-8000-000000000002', 'd0000000-0000-4000-8000-00000000c1c1', 2, 'be000000-0000-4000-8000-000000000002', now() - interval '4 days'),
  ('e0000000-0000-4000-8000-000000000004', 'd0000000-0000-4000-8000-00000000c1c1', 3, 'ada00000-0000-4000-8000-000000000001', now() - interval '1 day'),
  ('e0000000-0000-4000-8000-000000000005', 'd0000000-0000-4000-8000-00000000c1c1', 4, 'c1e00000-0000-4000-8000-000000000003', now() - interval '3 hours')
on conflict (item_id) do nothing;

-- The clips that made the items, so retries of them answer as clip_item would.
insert into app.item_clips (client_id, group_id, item_id, clipped_by, created, queued, comment_id, clipped_at)
select i.client_id, i.group_id, i.id, i.added_by, true,
       exists (select from app.queue_entries as q where q.item_id = i.id),
       (select c.id from app.comments as c where c.item_id = i.id and c.author_id = i.added_by order by c.created_at limit 1),
       i.created_at
  from app.items as i
 where i.group_id = 'd0000000-0000-4000-8000-00000000c1c1'
on conflict (client_id) do nothing;
