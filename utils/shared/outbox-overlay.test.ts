import { describe, expect, it } from 'vitest';
import { queue } from '@/components/testing/fixtures';
import type { GroupQueue } from './api-types';
import type { OutboxOp } from './storage';
import { applyChange, changeLabel, cleanTag, overlayWaiting } from './outbox-overlay';

const base: GroupQueue = {
  ...queue,
  queue: queue.queue.map((e) => ({ ...e, votes: 1, voted: false, read: false, read_count: 0, tags: ['focus', 'work'] })),
};
const op = (kind: OutboxOp['kind'], args: object, extra: Partial<OutboxOp> = {}): OutboxOp =>
  ({
    id: `${kind}-${JSON.stringify(args)}`,
    groupId: '',
    itemKey: 'i1',
    userId: 'u1',
    kind,
    args,
    createdAt: 1,
    attempts: 1,
    nextAttemptAt: 0,
    lastError: null,
    failed: false,
    ...extra,
  }) as OutboxOp;
const order = (q: GroupQueue) => q.queue.map((e) => `${e.position}:${e.item_id}`);

describe('changeLabel', () => {
  it('names each kind of change in words, with the article', () => {
    expect(changeLabel({ kind: 'vote', args: { itemId: 'i1', vote: true, title: 'Deep Work' } })).toBe('Vote for Deep Work');
    expect(changeLabel({ kind: 'vote', args: { itemId: 'i1', vote: false, title: 'Deep Work' } })).toBe('Take back vote for Deep Work');
    expect(changeLabel({ kind: 'read', args: { itemId: 'i1', read: true, title: 'Deep Work' } })).toBe('Mark Deep Work read');
    expect(changeLabel({ kind: 'move', args: { itemId: 'i1', beforeItemId: 'i2', title: 'A', beforeTitle: 'B' } })).toBe('Move A before B');
    expect(changeLabel({ kind: 'move', args: { itemId: 'i1', beforeItemId: null, title: 'A' } })).toBe('Move A to the end');
    expect(changeLabel({ kind: 'unqueue', args: { itemId: 'i1', title: 'A' } })).toBe('Take A off the queue');
    expect(changeLabel({ kind: 'untag', args: { itemId: 'i1', tag: 'focus', title: 'A' } })).toBe('Remove tag “focus” from A');
    // Not in any cached queue: still readable.
    expect(changeLabel({ kind: 'untag', args: { itemId: 'i1', tag: 'focus' } })).toBe('Remove tag “focus”');
    expect(changeLabel({ kind: 'vote', args: { itemId: 'i1', vote: true } })).toBe('Vote for an article');
  });
});

describe('applyChange (each is a set: applying it twice is applying it once)', () => {
  it('vote and take back, counting once', () => {
    const once = applyChange(base, { kind: 'vote', args: { itemId: 'i1', vote: true } });
    expect(once.queue[0]).toMatchObject({ voted: true, votes: 2 });
    expect(applyChange(once, { kind: 'vote', args: { itemId: 'i1', vote: true } })).toEqual(once);
    expect(applyChange(once, { kind: 'vote', args: { itemId: 'i1', vote: false } }).queue[0]).toMatchObject({ voted: false, votes: 1 });
  });

  it('read mark', () => {
    const once = applyChange(base, { kind: 'read', args: { itemId: 'i2', read: true } });
    expect(once.queue[1]).toMatchObject({ read: true, read_count: 1 });
    expect(applyChange(once, { kind: 'read', args: { itemId: 'i2', read: true } })).toEqual(once);
  });

  it('move before another or to the end, renumbered; gone neighbour: no guess', () => {
    expect(order(applyChange(base, { kind: 'move', args: { itemId: 'i1', beforeItemId: null } }))).toEqual(['1:i2', '2:i1']);
    const moved = applyChange(base, { kind: 'move', args: { itemId: 'i2', beforeItemId: 'i1' } });
    expect(order(moved)).toEqual(['1:i2', '2:i1']);
    expect(applyChange(moved, { kind: 'move', args: { itemId: 'i2', beforeItemId: 'i1' } })).toEqual(moved);
    expect(applyChange(base, { kind: 'move', args: { itemId: 'i1', beforeItemId: 'gone' } })).toBe(base);
  });

  it('off the queue, and a tag removed as the server would name it', () => {
    expect(order(applyChange(base, { kind: 'unqueue', args: { itemId: 'i1' } }))).toEqual(['1:i2']);
    expect(applyChange(base, { kind: 'untag', args: { itemId: 'i1', tag: ' #Focus ' } }).queue[0]!.tags).toEqual(['work']);
    expect(cleanTag('  #Deep   Work ')).toBe('deep work');
  });

  it('a change to an item not in this queue leaves it alone', () => {
    expect(applyChange(base, { kind: 'vote', args: { itemId: 'elsewhere', vote: true } })).toBe(base);
  });
});

describe('applyChange on the first page of a longer queue (group_queue pages)', () => {
  // i1 and i2 loaded of 5 queued (60 minutes in all); i1 reads 5, i2 reads 12 (the fixtures').
  const page: GroupQueue = { ...base, total: 5, total_minutes: 60 };
  const minutes = (id: string) => page.queue.find((e) => e.item_id === id)!.reading_minutes;

  it('taking off a loaded entry removes it and takes it out of the totals, once', () => {
    const off = applyChange(page, { kind: 'unqueue', args: { itemId: 'i1' } });
    expect(order(off)).toEqual(['1:i2']);
    expect(off).toMatchObject({ total: 4, total_minutes: 60 - minutes('i1') });
    expect(applyChange(off, { kind: 'unqueue', args: { itemId: 'i1' } })).toBe(off);
  });

  it('taking off an entry not loaded changes nothing here: the server may already have it', () => {
    expect(applyChange(page, { kind: 'unqueue', args: { itemId: 'i9' } })).toBe(page);
  });

  it('a move within what is loaded reorders it; to the end or before one not loaded, the entry leaves the loaded part', () => {
    expect(order(applyChange(page, { kind: 'move', args: { itemId: 'i2', beforeItemId: 'i1' } }))).toEqual(['1:i2', '2:i1']);
    const away = applyChange(page, { kind: 'move', args: { itemId: 'i1', beforeItemId: null } });
    expect(order(away)).toEqual(['1:i2']);
    expect(away).toMatchObject({ total: 5, total_minutes: 60 });
    expect(order(applyChange(page, { kind: 'move', args: { itemId: 'i1', beforeItemId: 'i9' } }))).toEqual(['1:i2']);
  });

  it('a vote or read mark updates a loaded entry and leaves the totals', () => {
    const voted = applyChange(page, { kind: 'vote', args: { itemId: 'i2', vote: true } });
    expect(voted.queue[1]).toMatchObject({ voted: true, votes: 2 });
    expect(voted).toMatchObject({ total: 5, total_minutes: 60 });
    expect(applyChange(page, { kind: 'read', args: { itemId: 'i9', read: true } })).toBe(page);
  });
});

describe('overlayWaiting', () => {
  it("applies this member's waiting changes oldest first, not failed ones or another member's", () => {
    const ops = [
      op('vote', { itemId: 'i1', vote: false }, { createdAt: 3 }),
      op('vote', { itemId: 'i1', vote: true }, { createdAt: 2 }),
      op('move', { itemId: 'i1', beforeItemId: null }, { createdAt: 1 }),
      op('unqueue', { itemId: 'i2' }, { failed: true }),
      op('read', { itemId: 'i2', read: true }, { userId: 'someone-else' }),
      op('tag', { itemId: 'i2', tags: ['New'] }),
    ];
    const shown = overlayWaiting(base, ops, 'u1');
    expect(order(shown)).toEqual(['1:i2', '2:i1']);
    expect(shown.queue[1]).toMatchObject({ item_id: 'i1', voted: false, votes: 1 });
    expect(shown.queue[0]).toMatchObject({ item_id: 'i2', read: false, tags: ['focus', 'new', 'work'] });
    expect(overlayWaiting(base, ops, null)).toBe(base);
  });
});
