/**
 * The signed-in popup: read the tab, preview it (the selection, the article or a link
 * card), pick a group and save — or open the item when the group already has this page.
 */
import { useEffect, useState } from 'preact/hooks';
import type { ClipItemResult, GroupSummary } from '@/utils/shared/api-types';
import type { Reply, TabClip, UserError } from '@/utils/shared/protocol';
import { ask } from '@/utils/ui/ask';
import { clipToSave } from '@/utils/ui/clip';
import { useGroups } from '@/utils/ui/hooks';
import { Alert, Loading } from '@/components/common/Bits';
import { ClipTarget } from './ClipTarget';
import { GroupGate } from './GroupGate';
import { GroupSelect, pickGroup } from '@/components/common/GroupSelect';
import { PagePreview } from './PagePreview';
import { SavedNotice } from './SavedNotice';

type Reading = { state: 'reading' } | { state: 'failed'; error: UserError } | { state: 'read'; tab: TabClip };

export interface ClipFlowProps {
  tabId?: number;
  /** The tab's reading if already asked for (the popup asks before its first render). */
  reading?: Promise<Reply<TabClip>>;
  /** The cached groups if already read. */
  cached?: { groups: GroupSummary[]; lastId: string | null };
}

export function ClipFlow({ tabId, reading: asked, cached }: ClipFlowProps) {
  const [reading, setReading] = useState<Reading>({ state: 'reading' });
  const [selectionOnly, setSelectionOnly] = useState(true);
  const [saved, setSaved] = useState<{ result: ClipItemResult; group: GroupSummary; title: string } | null>(null);
  const groups = useGroups(cached);
  /** A group picked while the page was still being read. */
  const [picked, setPicked] = useState<string | null>(null);

  useEffect(() => {
    (asked ?? ask('clipTab', { tabId })).then((reply) =>
      setReading(reply.ok ? { state: 'read', tab: reply.value } : { state: 'failed', error: reply.error }),
    );
    // eslint-disable-next-line react-hooks/exhaustive-deps -- `asked` is the read the popup started before drawing, used for the tab it was started for
  }, [tabId]);

  if (saved) return <SavedNotice result={saved.result} group={saved.group} title={saved.title} />;
  if (reading.state === 'reading') {
    // The cached groups show at once (cached UI within 100 ms), not after the page is read.
    const list = groups.groups;
    const shown = list && list.length > 0 && groups.lastId !== undefined ? pickGroup(list, picked ?? groups.lastId) : undefined;
    return (
      <div class="stack">
        <Loading text="Reading this page…" />
        {list && shown && <GroupSelect groups={list} value={shown.id} onChange={setPicked} />}
      </div>
    );
  }
  if (reading.state === 'failed') return <Alert error={reading.error} />;

  const tab = reading.tab;
  const clip = clipToSave(tab, selectionOnly);
  const preview = <PagePreview tab={tab} selectionOnly={selectionOnly} onSelectionOnly={setSelectionOnly} />;
  if (!clip) return preview;
  return (
    <GroupGate state={groups} before={preview}>
      {(list, lastId) => (
        <ClipTarget
          clip={clip}
          groups={list}
          initialGroupId={picked ?? lastId}
          preview={preview}
          quote={tab.quote}
          onSaved={(result, group, title) => setSaved({ result, group, title })}
        />
      )}
    </GroupGate>
  );
}
