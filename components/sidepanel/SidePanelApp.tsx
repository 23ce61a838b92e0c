/**
 * The side panel: the chosen group in three tabs — its discussion queue (cached first, then
 * refreshed when the panel becomes visible and every 30 s), its library and its meetings —
 * and one item's discussion at a time. Each tab's content is its own pane component.
 */
import { useEffect, useRef, useState } from 'preact/hooks';
import { QUEUE_PAGE, type GroupQueue, type GroupSummary } from '@/utils/shared/api-types';
import type { UserError } from '@/utils/shared/protocol';
import { afterRefresh } from '@/utils/shared/queue-order';
import { cachedGroups, cachedQueues, groupChangedAt, panelGroupId } from '@/utils/shared/storage';
import { ask } from '@/utils/ui/ask';
import { openOptions } from '@/utils/ui/browser';
import { useAccount, useRefresh, useStored } from '@/utils/ui/hooks';
import { useLive } from '@/utils/ui/live';
import { queueNewsCount, useNews, type NewsMarks } from '@/utils/ui/news';
import { Alert, Loading } from '@/components/common/Bits';
import { GroupSelect, pickGroup } from '@/components/common/GroupSelect';
import { ItemDetailView } from './library/ItemDetailView';
import { LibraryPane } from './library/LibraryPane';
import { MeetingsPane } from './meetings/MeetingsPane';
import { PanelTabs } from './PanelTabs';
import { QueuePane } from './queue/QueuePane';
import { SignIn } from '@/components/common/SignIn';

/** What's new counts on the tabs: queued items new or newly discussed, new items, a new meeting. */
function tabs(queue: GroupQueue | undefined, news: NewsMarks) {
  return [
    { id: 'queue', label: 'Queue', badge: queueNewsCount(queue, news) },
    { id: 'library', label: 'Library', badge: news.items.size },
    { id: 'meetings', label: 'Meetings', badge: news.meeting ? 1 : 0 },
  ];
}

export function SidePanelApp() {
  const [account, setAccount] = useAccount();
  if (account === undefined) return null;
  return (
    <div class="page panel">
      <header class="brand">Readclub</header>
      {account ? <GroupQueueView /> : <SignIn onSignedIn={setAccount} />}
    </div>
  );
}

function GroupQueueView() {
  const cached = useStored(cachedGroups);
  const chosen = useStored(panelGroupId);
  const queues = useStored(cachedQueues);
  const [fresh, setFresh] = useState<{ groups?: GroupSummary[]; queues: Record<string, GroupQueue> }>({ queues: {} });
  const shownQueues = useRef(fresh.queues);
  shownQueues.current = fresh.queues;
  const [error, setError] = useState<UserError | null>(null);
  /** The item whose discussion is open, and the tab it was opened from (its Back goes there). */
  const [openItem, setOpenItem] = useState<{ id: string; from: string } | null>(null);
  const [tab, setTab] = useState('queue');
  /** Bumped on every Back, so the Library shows counts changed in the item view. */
  const [returns, setReturns] = useState(0);
  /** The control that opened the item: focus goes back to it, as the panes stay mounted. */
  const opener = useRef<HTMLElement | null>(null);
  /** Bumped by every refresh, so the Meetings pane reloads with the rest. */
  const [looks, setLooks] = useState(0);
  /** A group shown here that the member was removed from (or left): say so, not just "no group". */
  const [lost, setLost] = useState<string | null>(null);
  const groups = fresh.groups ?? cached;
  const group = groups && pickGroup(groups, chosen);
  const [news, checkNews] = useNews(group ? group.id : null);

  async function refresh() {
    const was = pickGroup(await cachedGroups.getValue(), await panelGroupId.getValue());
    const listed = await ask('listGroups');
    if (!listed.ok) return setError(listed.error);
    if (was && !listed.value.some((g) => g.id === was.id))
      setLost(`You're no longer a member of ${was.name}, so you can't see its queue or discussions any more.`);
    const target = pickGroup(listed.value, await panelGroupId.getValue());
    // As many entries as are shown (the first page, or more after "Show 50 more"), read again.
    const asked = Math.max(QUEUE_PAGE, target ? (shownQueues.current[target.id]?.queue.length ?? 0) : 0);
    const reply = target ? await ask('groupQueue', { groupId: target.id, count: asked }) : null;
    if (reply && !reply.ok) setError(reply.error);
    else setError(null);
    setFresh((prev) => ({
      groups: listed.value,
      // Pages loaded while this refresh was on its way ("Show 50 more") stay after the answer.
      queues: reply?.ok && target ? { ...prev.queues, [target.id]: afterRefresh(reply.value, prev.queues[target.id], asked) } : prev.queues,
    }));
    setLooks((n) => n + 1);
    if (target) await checkNews(target.id);
  }
  // Every 10 s while shown (and on focus); at once when Realtime says the group changed.
  useRefresh(refresh, [chosen ?? null], 10_000);
  useLive(group ? group.id : null, useStored(groupChangedAt), refresh);

  function open(itemId: string) {
    opener.current = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    setOpenItem({ id: itemId, from: tab });
  }
  useEffect(() => {
    if (!openItem && opener.current?.isConnected) opener.current.focus();
  }, [openItem]);
  const detail = openItem && (
    <ItemDetailView
      itemId={openItem.id}
      backLabel={`Back to ${openItem.from}`}
      onBack={() => (setOpenItem(null), setReturns((n) => n + 1), void refresh())}
    />
  );

  if (detail && !(groups && group)) return detail;
  if (!groups || chosen === undefined || queues === undefined) return <Loading text="Loading…" />;
  if (!group) {
    if (!fresh.groups && !error) return <Loading text="Loading your groups…" />;
    return (
      <div class="empty">
        <Alert error={lost ?? error} />
        <p>You're not in a reading group yet. Create one, or join with an invite code, in Options.</p>
        <button type="button" onClick={openOptions}>
          Open Options
        </button>
      </div>
    );
  }
  const queue = fresh.queues[group.id] ?? queues[group.id];
  // The tabs stay mounted (hidden) under an open item, so a pane's filter, search and scroll
  // are as the member left them when they come back.
  return (
    <>
      {detail}
      <div hidden={!!detail}>
        <div class="stack">
          <GroupSelect groups={groups} value={group.id} onChange={(id) => panelGroupId.setValue(id)} id="panel-group" />
          <Alert error={lost ?? error} />
          <PanelTabs tabs={tabs(queue, news)} selected={tab} onSelect={setTab} label="Group views">
            {tab === 'queue' &&
              (queue ? (
                <QueuePane
                  queue={queue}
                  news={news}
                  onOpen={open}
                  onChanged={(next) =>
                    next ? setFresh((prev) => ({ ...prev, queues: { ...prev.queues, [group.id]: next } })) : void refresh()
                  }
                />
              ) : (
                <Loading text="Loading the queue…" />
              ))}
            {tab === 'library' && <LibraryPane groupId={group.id} onOpen={open} returns={returns} />}
            {tab === 'meetings' && <MeetingsPane groupId={group.id} groupName={group.name} looks={looks} news={news} onOpen={open} />}
          </PanelTabs>
        </div>
      </div>
    </>
  );
}
