/**
 * Is this page already in the chosen group's library? The popup asks once the page is
 * read and again whenever the group picker changes, and opens the item when it is.
 */
import { useEffect, useState } from 'preact/hooks';
import type { ClipPayload, ItemDetail } from '@/utils/shared/api-types';
import { ask } from './ask';

const WEB = /^https?:\/\/[^/?#]+/i;
const HOME = /^https?:\/\/[^/?#]+\/?([?#].*)?$/i;

/**
 * The address the group's library files this page under, as the database's
 * private.preferred_url picks it: the canonical URL when usable, except a canonical that
 * points at the site's home page from another page. Null for a manual entry without a link.
 */
export function lookupUrl(clip: Pick<ClipPayload, 'url' | 'canonical_url'>): string | null {
  const { url, canonical_url: canonical } = clip;
  if (!canonical || !WEB.test(canonical)) return url;
  if (url && HOME.test(canonical) && !HOME.test(url)) return url;
  return canonical;
}

/** looking: not answered yet; none: not in the library (or the lookup failed: a save still merges). */
export type Existing = { state: 'looking' } | { state: 'none' } | { state: 'found'; detail: ItemDetail };

export function useExistingItem(groupId: string, url: string | null): Existing {
  const [answer, setAnswer] = useState<{ key: string; existing: Existing } | null>(null);
  const key = `${groupId} ${url}`;
  useEffect(() => {
    if (url === null) return;
    let live = true; // a quick change of group must not show the previous group's answer
    ask('findItem', { groupId, url }).then((reply) => {
      if (!live) return;
      const existing: Existing = reply.ok && reply.value ? { state: 'found', detail: reply.value } : { state: 'none' };
      setAnswer({ key, existing });
    });
    return () => {
      live = false;
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps -- `key` is groupId and url together
  }, [key]);
  if (url === null) return { state: 'none' };
  return answer?.key === key ? answer.existing : { state: 'looking' };
}
