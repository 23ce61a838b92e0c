-- A highlight keeps its passage, item, group, author and client id: only its comment changes
-- (and its author becomes null when that account is deleted), for SECURITY DEFINER code too,
-- as comments are guarded by private.comment_thread.

create function private.highlight_stays_put()
returns trigger
language plpgsql
set search_path = ''
as $$
begin
  if (new.item_id, new.group_id, new.exact, new.prefix, new.suffix, new.start_offset, new.end_offset, new.client_id)
     is distinct from
     (old.item_id, old.group_id, old.exact, old.prefix, old.suffix, old.start_offset, old.end_offset, old.client_id)
     -- Only the author's account being deleted clears author_id (on delete set null).
     or (new.author_id is distinct from old.author_id and new.author_id is not null) then
    raise exception 'A highlight stays on its passage and with whoever marked it; only its comment changes.' using errcode = '22023';
  end if;
  return new;
end;
$$;

comment on function private.highlight_stays_put() is
  'Trigger: a highlight''s passage, item, group, author and client id never change (only its comment, and its author to null when that account is deleted), whoever updates it, SECURITY DEFINER code included; 22023 otherwise.';

revoke all on function private.highlight_stays_put() from public;

create trigger highlights_stay_put
  before update on app.highlights
  for each row execute function private.highlight_stays_put();
