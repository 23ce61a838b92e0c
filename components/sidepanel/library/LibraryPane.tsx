/**
 * The Library tab: every item of the group, newest first, filtered by a tag or searched
 * (titles, text, tags, comments), 50 at a time from the server ("Show 50 more"); owners and
 * admins rename a tag. An item opens its discussion, an article its clipped copy (the reader
 * view) right here.
 */
import { useEffect, useRef, useState } from 'preact/hooks';
import type { LibraryEntry, LibraryPage, SearchHit, TagCount } from '@/utils/shared/api-types';
import type { UserError } from '@/utils/shared/protocol';
import { cachedGroups } from '@/utils/shared/storage';
import { ask } from '@/utils/ui/ask';
import { useStored } from '@/utils/ui/hooks';
import { Alert, Loading } from '@/components/common/Bits';
import { useShowMore } from '@/components/common/ShowMore';
import { LibraryList } from './LibraryList';
import { ReaderView } from './ReaderView';
import { TagRename } from './TagRename';

export interface LibraryPaneProps {
  /** The group shown in the side panel. */
  groupId: string;
  /** Open one item's discussion (replaces the panel until Back). */
  onOpen: (itemId: string) => void;
  /** Changes when the member comes back from an item: load again (its comments or tags may have changed). */
  returns?: number;
}

export function LibraryPane({ groupId, onOpen, returns = 0 }: LibraryPaneProps) {
  const role = useStored(cachedGroups)?.find((g) => g.id === groupId)?.role;
  const [tag, setTag] = useState<string | null>(null);
  const [typed, setTyped] = useState('');
  const [query, setQuery] = useState('');
  const [tags, setTags] = useState<TagCount[]>([]);
  const [page, setPage] = useState<LibraryPage<LibraryEntry | SearchHit> | null>(null);
  // What the entries shown were asked for (search words and tag): while a new search runs
  // they are the previous answer, so their count is not the new search's.
  const asking = `${query}\n${tag ?? ''}`;
  const [shownFor, setShownFor] = useState<string | null>(null);
  const latest = useRef(asking);
  latest.current = asking;
  const [error, setError] = useState<UserError | null>(null);
  const [note, setNote] = useState<string | null>(null);
  const [reading, setReading] = useState<string | null>(null);

  const fetchPage = (offset: number) =>
    query ? ask('searchLibrary', { groupId, query, tag, offset }) : ask('groupLibrary', { groupId, tag, offset });
  async function load() {
    ask('groupTags', { groupId }).then((reply) => reply.ok && setTags(reply.value));
    const askedFor = asking;
    const reply = await fetchPage(0);
    // A later search (or tag) was asked for meanwhile: its answer is the one to show.
    if (latest.current !== askedFor) return;
    if (!reply.ok) return setError(reply.error);
    setError(null);
    setPage(reply.value);
    setShownFor(askedFor);
  }
  async function loadMore() {
    const askedFor = asking;
    // The entries shown are a previous search's while a new one runs: its first page comes first.
    if (shownFor !== askedFor) return;
    const reply = await fetchPage(page?.entries.length ?? 0);
    if (latest.current !== askedFor) return;
    if (!reply.ok) return setError(reply.error);
    setError(null);
    // An item added meanwhile moves the rest down a place: one shown already is not drawn twice.
    setPage((shown) => {
      const known = new Set(shown?.entries.map((e) => e.item_id));
      return {
        total: reply.value.total,
        entries: [...(shown?.entries ?? []), ...reply.value.entries.filter((e) => !known.has(e.item_id))],
      };
    });
  }
  const entries = page?.entries ?? null;
  const { more } = useShowMore(entries ?? [], {
    noun: query ? 'results' : 'items',
    server: page ? { total: page.total, load: loadMore } : undefined,
  });
  // eslint-disable-next-line react-hooks/exhaustive-deps -- runs again when these change, with this render's function (a new one each render)
  useEffect(() => void load(), [groupId, tag, query, returns]);

  if (reading) return <ReaderView itemId={reading} onBack={() => (setReading(null), load())} />;
  const empty = query ? `Nothing in the library matches “${query}”.` : tag ? `No item is tagged “${tag}”.` : 'Nothing in the library yet.';
  return (
    <div class="stack">
      <div class="library-tools">
        <form class="row" role="search" onSubmit={(e) => (e.preventDefault(), setQuery(typed.trim()))}>
          <label for="library-search">Search the library</label>
          <input
            id="library-search"
            type="search"
            value={typed}
            placeholder="Words in titles, text, tags, comments"
            onInput={(e) => setTyped(e.currentTarget.value)}
          />
          <button type="submit" class="secondary">
            Search
          </button>
          {query && (
            <button type="button" class="link" onClick={() => (setTyped(''), setQuery(''))}>
              Clear search
            </button>
          )}
        </form>
        <div class="row">
          <label for="library-tag">Filter by tag</label>
          <select id="library-tag" value={tag ?? ''} onChange={(e) => (setTag(e.currentTarget.value || null), setNote(null))}>
            <option value="">All tags</option>
            {tags.map((t) => (
              <option key={t.tag} value={t.tag}>{`${t.tag} (${t.count})`}</option>
            ))}
          </select>
        </div>
        {tag && (role === 'owner' || role === 'admin') && (
          <TagRename
            groupId={groupId}
            tag={tag}
            others={tags.map((t) => t.tag)}
            onRenamed={(to, items) => (setNote(`Renamed “${tag}” to “${to}” on ${items} ${items === 1 ? 'item' : 'items'}.`), setTag(to))}
          />
        )}
        {note && (
          <p class="ok" role="status">
            {note}
          </p>
        )}
      </div>
      {query && (
        <p class="hint" role="status">
          {page && shownFor === asking ? `${page.total} found for “${query}”` : 'Searching…'}
        </p>
      )}
      <Alert error={error} />
      {entries ? (
        <LibraryList entries={entries} empty={empty} onOpen={onOpen} onRead={setReading} more={more} />
      ) : (
        !error && <Loading text="Loading the library…" />
      )}
    </div>
  );
}
