/**
 * What a waiting change looks like before it is sent (pure, any context): what "Waiting to
 * send" lists and its labels, and the queue as it will be once it lands. Every kind here is a set
 * (vote on/off, read on/off, X before Y, off the queue, without a tag), so applying one
 * the server already has changes nothing: the overlay may include changes in flight.
 */
import type { ClipItemArgs, GroupQueue, QueueEntry } from './api-types';
import type { OutboxEntry } from './protocol';
import type { OutboxOp } from './storage';
import { hasMore, patchEntry, queueTotals } from './queue-order';

type ChangeKind = 'untag' | 'vote' | 'read' | 'move' | 'unqueue';
export type ChangeOp = Extract<OutboxOp, { kind: ChangeKind }>;
/** Kind and args only, still paired (Pick over a union would unpair them). */
type KindArgs<T> = T extends { kind: infer K; args: infer A } ? { kind: K; args: A } : never;
export type ChangeInput = KindArgs<ChangeOp>;
type Change = ChangeInput | KindArgs<Extract<OutboxOp, { kind: 'tag' }>>;

const CHANGE_KINDS = new Set<string>(['untag', 'vote', 'read', 'move', 'unqueue']);
export const isChange = (op: OutboxOp): op is ChangeOp => CHANGE_KINDS.has(op.kind);

/** Tags as the server stores them (private.clean_tags): trimmed, lower-case, no leading #. */
export const cleanTag = (tag: string) => tag.trim().replace(/^#+/, '').replace(/\s+/g, ' ').toLowerCase();

/** "Vote for <title>", "Move <title> before <other>", … */
export function changeLabel({ kind, args }: ChangeInput): string {
  const title = args.title || 'an article';
  switch (kind) {
    case 'vote':
      return args.vote ? `Vote for ${title}` : `Take back vote for ${title}`;
    case 'read':
      return args.read ? `Mark ${title} read` : `Mark ${title} unread`;
    case 'move':
      return args.beforeItemId ? `Move ${title} before ${args.beforeTitle || 'another article'}` : `Move ${title} to the end`;
    case 'unqueue':
      return `Take ${title} off the queue`;
    case 'untag':
      return args.title ? `Remove tag “${args.tag}” from ${args.title}` : `Remove tag “${args.tag}”`;
  }
}

const renumber = (entries: QueueEntry[]) => entries.map((e, i) => ({ ...e, position: i + 1 }));

/**
 * One change applied to a queue (unchanged when it does not concern it). The queue may be its
 * first pages only (group_queue pages): a change to an entry not loaded changes nothing here,
 * and the totals move only for an entry loaded (so the server still had it when it answered).
 */
export function applyChange(queue: GroupQueue, change: Change): GroupQueue {
  const { itemId } = change.args;
  const entry = queue.queue.find((e) => e.item_id === itemId);
  if (!entry) return queue;
  switch (change.kind) {
    case 'vote': {
      const { vote } = change.args;
      if (Boolean(entry.voted) === vote) return queue;
      return patchEntry(queue, itemId, (e) => ({ ...e, voted: vote, votes: Math.max(0, (e.votes ?? 0) + (vote ? 1 : -1)) }));
    }
    case 'read': {
      const { read } = change.args;
      if (Boolean(entry.read) === read) return queue;
      return patchEntry(queue, itemId, (e) => ({ ...e, read, read_count: Math.max(0, (e.read_count ?? 0) + (read ? 1 : -1)) }));
    }
    case 'unqueue': {
      const { count, minutes } = queueTotals(queue);
      const totals = queue.total === undefined ? {} : { total: count - 1, total_minutes: Math.max(0, minutes - entry.reading_minutes) };
      return { ...queue, ...totals, queue: renumber(queue.queue.filter((e) => e.item_id !== itemId)) };
    }
    case 'move': {
      const { beforeItemId } = change.args;
      if (beforeItemId === itemId) return queue;
      const rest = queue.queue.filter((e) => e.item_id !== itemId);
      const at = beforeItemId === null ? rest.length : rest.findIndex((e) => e.item_id === beforeItemId);
      // Only the first pages are here: to the end, or before one not loaded, it leaves them.
      if (hasMore(queue) && (at < 0 || beforeItemId === null)) return { ...queue, queue: renumber(rest) };
      // The one it goes before is gone: the server will refuse it, so show no guess.
      if (at < 0) return queue;
      return { ...queue, queue: renumber([...rest.slice(0, at), entry, ...rest.slice(at)]) };
    }
    case 'untag': {
      const gone = cleanTag(change.args.tag);
      return patchEntry(queue, itemId, (e) => ({ ...e, tags: e.tags.filter((t) => t !== gone) }));
    }
    case 'tag': {
      const added = change.args.tags.map(cleanTag).filter(Boolean);
      return patchEntry(queue, itemId, (e) => ({ ...e, tags: [...new Set([...e.tags, ...added])].sort() }));
    }
  }
}

/** The queue as this member will see it once what waits for them has landed, oldest first. */
export function overlayWaiting(queue: GroupQueue, ops: OutboxOp[], userId: string | null | undefined): GroupQueue {
  if (!userId) return queue;
  return [...ops]
    .filter((o) => !o.failed && o.userId === userId && (isChange(o) || o.kind === 'tag'))
    .sort((a, b) => a.createdAt - b.createdAt)
    .reduce((q, o) => applyChange(q, o as Change), queue);
}

/** What pages list as waiting: not what is being sent this moment. */
export const waitingOps = (ops: OutboxOp[]) => ops.filter((o) => !o.sendingIn);

/**
 * What "Waiting to send" names: the changes of `member`, who is signed in or whose session
 * ended without them signing out (sessionEndedFor); anyone else's, kept on a shared browser
 * until they sign in, are counted, never named. Nobody: everything is only counted.
 */
export function waitingFor(ops: OutboxOp[], member: string | null): { mine: OutboxOp[]; others: number } {
  const waiting = waitingOps(ops);
  const mine = member ? waiting.filter((o) => o.userId === member) : [];
  return { mine, others: waiting.length - mine.length };
}

export function summarise(op: OutboxOp): OutboxEntry {
  const label = isChange(op)
    ? changeLabel(op)
    : op.kind === 'clip'
      ? clipLabel(op.args)
      : op.kind === 'comment'
        ? op.args.body
        : op.kind === 'highlight'
          ? highlightLabel(op.args.target.exact, op.args.body)
          : op.kind === 'tag'
            ? op.args.tags.join(', ')
            : 'Queue for discussion';
  const { id, kind, createdAt, attempts, nextAttemptAt, failed, lastError } = op;
  return { id, kind, label: label.length > 80 ? `${label.slice(0, 79)}…` : label, createdAt, attempts, nextAttemptAt, failed, lastError };
}

/** “The passage” — and the comment on it, when there is one. */
const highlightLabel = (exact: string, body: string) => {
  const passage = exact.replace(/\s+/g, ' ').trim();
  const quoted = `“${passage.length > 60 ? `${passage.slice(0, 59)}…` : passage}”`;
  return body ? `${quoted} ${body}` : quoted;
};

const clipLabel = (args: ClipItemArgs) => args.p_clip.title || args.p_clip.url || 'Untitled clip';
