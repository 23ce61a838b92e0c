-- =====================================================================================
-- Outbox (issue 6): a comment written while offline or signed out is kept by the extension
-- and sent later, perhaps more than once. Each comment may carry the client's id for it, so
-- a repeat send replays the first comment instead of adding a second. (clip_item is
-- already idempotent through public.item_clips.)
-- =====================================================================================

alter table public.comments add column client_id uuid;
comment on column public.comments.client_id is
  'The id the author''s client gave this comment, so a repeated send is answered with the first comment (null for comments made without one).';
-- Per author: someone else's guessed id can never collide with, or reveal, another member's comment.
alter table public.comments
  add constraint comments_author_id_client_id_key unique (author_id, client_id);

-- The two-argument call keeps working: p_client_id defaults to null (no replay).
drop function public.add_comment(uuid, text);

create function public.add_comment(p_item_id uuid, p_body text, p_client_id uuid default null)
returns jsonb
language plpgsql
volatile
security invoker
set search_path = ''
as $$
declare
  v_uid uuid := (select auth.uid());
  v_group_id uuid := private.require_item_membership(p_item_id);
  v_body text := btrim(coalesce(p_body, ''));
  v_comment public.comments%rowtype;
begin
  if v_body = '' then
    raise exception 'Write something before sending the comment.' using errcode = '22023';
  end if;
  if char_length(v_body) > 4000 then
    raise exception 'A comment can be at most 4000 characters.' using errcode = '22023';
  end if;
  insert into public.comments (item_id, group_id, author_id, body, client_id)
  values (p_item_id, v_group_id, v_uid, v_body, p_client_id)
  on conflict (author_id, client_id) do nothing
  returning * into v_comment;
  if v_comment.id is null then
    -- Sent before: answer with the first comment, unchanged.
    select c.* into v_comment from public.comments as c
     where c.author_id = v_uid and c.client_id = p_client_id;
    if v_comment.item_id is distinct from p_item_id then
      raise exception 'That comment was already sent for another item.' using errcode = '22023';
    end if;
  end if;
  return jsonb_build_object(
    'id', v_comment.id,
    'body', v_comment.body,
    'author', private.person(v_uid, (select p.display_name from public.profiles as p where p.id = v_uid)),
    'created_at', v_comment.created_at);
end;
$$;

comment on function public.add_comment(uuid, text, uuid) is
  'RPC add_comment(p_item_id, p_body, p_client_id?) → Comment. A known p_client_id replays that comment.';

revoke all on function public.add_comment(uuid, text, uuid) from public, anon;
grant execute on function public.add_comment(uuid, text, uuid) to authenticated, service_role;
