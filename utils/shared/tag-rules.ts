/**
 * The tag rules the database enforces (private.clean_tags), checked in the page first so a
 * member hears what is wrong before anything is sent: plain text, at most 40 characters, at
 * most 20 tags on one item. Emoji and SQL-looking text are just text.
 */
import { MAX_TAG_CHARS, MAX_TAGS_PER_ITEM } from './api-types';

/** Tags as the database will store them: trimmed, no leading #, spaces collapsed, lower-case. */
export function normaliseTag(raw: string): string {
  return raw.trim().replace(/^#+/, '').replace(/\s+/g, ' ').toLowerCase();
}

/** The comma-separated tags a member typed, normalised, without repeats (nothing cut short). */
export function splitTags(text: string): string[] {
  return [...new Set(text.split(',').map(normaliseTag).filter(Boolean))];
}

/** What is wrong with adding `tags` to an item that has `have`, in the database's words; null when fine. */
export function tagProblem(tags: string[], have: string[] = []): string | null {
  if (tags.some((t) => /[<>\p{Cc}]/u.test(t))) return 'A tag is plain text: it cannot contain < or > or control characters.';
  // Characters as Postgres counts them (code points), not UTF-16 units.
  if (tags.some((t) => [...t].length > MAX_TAG_CHARS)) return `A tag can be at most ${MAX_TAG_CHARS} characters.`;
  const total = new Set([...have, ...tags]).size;
  if (tags.length > MAX_TAGS_PER_ITEM || total > MAX_TAGS_PER_ITEM) {
    const already = have.length > 0 ? ` (this one has ${have.length} already)` : '';
    return `An article can have at most ${MAX_TAGS_PER_ITEM} tags${already}.`;
  }
  return null;
}

/** The group's tags that complete the last tag being typed, most used first. */
export function suggestTags<T extends { tag: string }>(all: T[], typed: string, exclude: string[] = [], limit = 6): T[] {
  const last = normaliseTag(typed.split(',').pop() ?? '');
  const taken = new Set([...exclude, ...splitTags(typed)]);
  return all.filter((t) => !taken.has(t.tag) && (last === '' || t.tag.includes(last))).slice(0, limit);
}

/** The typed text with its last (partial) tag replaced by `tag`, ready for the next one. */
export function completeTag(typed: string, tag: string): string {
  const parts = typed.split(',');
  parts[parts.length - 1] = parts.length > 1 ? ` ${tag}` : tag;
  return `${parts.join(',')}, `;
}
