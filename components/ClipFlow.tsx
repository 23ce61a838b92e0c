/**
 * The signed-in popup: read the tab, preview it, pick a group and save. Groups come from
 * the cache first, then a listGroups refresh.
 */
import { useEffect, useState } from 'preact/hooks';
import type { ClipItemResult, ClipPayload, GroupSummary } from '@/utils/api-types';
import type { TabClip, UserError } from '@/utils/protocol';
import { cachedGroups, lastGroupId } from '@/utils/storage';
import { ask } from '@/utils/ui-ask';
import { openOptions } from '@/utils/ui-browser';
import { useStored } from '@/utils/ui-hooks';
import { Alert, Loading } from './Bits';
import { ClipForm } from './ClipForm';
import { ClipPreview } from './ClipPreview';
import { SavedNotice } from './SavedNotice';
import { Unclippable } from './Unclippable';

type Reading = { state: 'reading' } | { state: 'failed'; error: UserError } | { state: 'read'; tab: TabClip };

export function ClipFlow({ tabId }: { tabId?: number }) {
  const [reading, setReading] = useState<Reading>({ state: 'reading' });
  const [linkClip, setLinkClip] = useState<ClipPayload | null>(null);
  const [saved, setSaved] = useState<{ result: ClipItemResult; group: GroupSummary } | null>(null);
  const [fresh, setFresh] = useState<GroupSummary[] | null>(null);
  const [groupsError, setGroupsError] = useState<UserError | null>(null);
  const cached = useStored(cachedGroups);
  const last = useStored(lastGroupId);

  useEffect(() => {
    ask('clipTab', { tabId }).then((reply) =>
      setReading(reply.ok ? { state: 'read', tab: reply.value } : { state: 'failed', error: reply.error }),
    );
    ask('listGroups').then((reply) => (reply.ok ? setFresh(reply.value) : setGroupsError(reply.error)));
  }, [tabId]);

  if (saved) return <SavedNotice result={saved.result} group={saved.group} />;
  if (reading.state === 'reading') return <Loading text="Reading this page…" />;
  if (reading.state === 'failed') return <Alert error={reading.error} />;

  const tab = reading.tab;
  const clip = tab.ok ? tab.clip : linkClip;
  if (!clip) {
    return tab.ok ? null : <Unclippable error={tab.error} url={tab.url} title={tab.title} onSaveAsLink={setLinkClip} />;
  }

  const groups = fresh ?? cached;
  const settled = fresh !== null || groupsError !== null;
  let form;
  if (groups === undefined || last === undefined || (groups.length === 0 && !settled)) {
    form = <Loading text="Loading your groups…" />;
  } else if (groups.length === 0) {
    form = groupsError ? <Alert error={groupsError} /> : <NoGroups />;
  } else {
    form = <ClipForm key={clip.url + clip.kind} clip={clip} groups={groups} initialGroupId={last}
      onSaved={(result, group) => setSaved({ result, group })} />;
  }
  return (
    <div class="stack">
      <ClipPreview clip={clip} />
      {form}
    </div>
  );
}

function NoGroups() {
  return (
    <div class="empty">
      <p>You're not in a reading group yet. Create one, or join with an invite code, in Options.</p>
      <button type="button" onClick={openOptions}>Open Options</button>
    </div>
  );
}
