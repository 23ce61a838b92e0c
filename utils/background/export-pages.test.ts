import { describe, expect, it, vi } from 'vitest';
import type { ExportedItem, GroupExport, GroupExportPage } from '@/utils/shared/api-types';
import type { Reply } from '@/utils/shared/protocol';
import { fetchGroupExport, type ExportPageCall } from './export-pages';

const item = (n: number) => ({ id: `i${n}`, title: `Item ${n}` }) as unknown as ExportedItem;
// Keys in the order jsonb gives them (shorter keys first), as the one-answer export has them.
const header: Omit<GroupExport, 'items'> = {
  group: { id: 'g1', name: 'Circle', description: '', created_at: '2026-11-01T00:00:00Z', my_role: 'member' },
  queue: [],
  format: 'readclub-export',
  members: [],
  version: 1,
  meetings: { next: null, past: [] },
  exported_at: '2026-12-05T06:00:00Z',
  exported_by: { id: 'u1', display_name: 'Ben', avatar_url: null },
};

/** A server holding `total` items that answers pages of `size` (ignoring p_limit, as a byte budget may). */
function server(total: number, size: number) {
  const all = Array.from({ length: total }, (_, n) => item(n + 1));
  return vi.fn<ExportPageCall>(async ({ p_after }) => {
    const start = p_after === null ? 0 : Number(p_after.slice(1));
    const items = all.slice(start, start + size);
    const next = start + size < total ? `@${start + size}` : null;
    const page: GroupExportPage = p_after === null ? { ...header, items, next } : { items, next };
    return { ok: true, value: page };
  });
}

describe('fetchGroupExport', () => {
  it("joins every page into one export: the first page's fields, every item in order, no marker", async () => {
    const call = server(7, 3);
    const reply = await fetchGroupExport(call, 'g1', { pageSize: 3 });
    expect(call.mock.calls.map(([a]) => a)).toEqual([
      { p_group_id: 'g1', p_after: null, p_limit: 3 },
      { p_group_id: 'g1', p_after: '@3', p_limit: 3 },
      { p_group_id: 'g1', p_after: '@6', p_limit: 3 },
    ]);
    expect(reply.ok).toBe(true);
    const value = (reply as { ok: true; value: GroupExport }).value;
    expect(value.items.map((i) => i.id)).toEqual(['i1', 'i2', 'i3', 'i4', 'i5', 'i6', 'i7']);
    expect('next' in value).toBe(false);
  });

  it('gives the same JSON as the one-answer export (same keys, same order)', async () => {
    const single = { ...header, items: [item(1), item(2)] };
    const reply = await fetchGroupExport(server(2, 1), 'g1');
    expect(JSON.stringify((reply as { ok: true; value: GroupExport }).value)).toBe(JSON.stringify(single));
  });

  it('reads one page for a small group', async () => {
    const call = server(2, 50);
    await fetchGroupExport(call, 'g1');
    expect(call).toHaveBeenCalledTimes(1);
    expect(call.mock.calls[0]![0]).toEqual({ p_group_id: 'g1', p_after: null, p_limit: 50 });
  });

  it('passes on a refused page as it came (nothing half-exported)', async () => {
    const refusal: Reply<never> = { ok: false, error: { kind: 'network', message: 'Cannot reach the server.' } };
    const call = vi.fn<ExportPageCall>(async ({ p_after }) =>
      p_after === null ? { ok: true, value: { ...header, items: [item(1)], next: '@1' } } : refusal,
    );
    expect(await fetchGroupExport(call, 'g1')).toEqual(refusal);
    const first = vi.fn<ExportPageCall>(async () => refusal);
    expect(await fetchGroupExport(first, 'g1')).toEqual(refusal);
  });

  it('stops with a clear message when the server repeats a marker or never ends', async () => {
    const looping = vi.fn<ExportPageCall>(async ({ p_after }) => ({
      ok: true,
      value: p_after === null ? { ...header, items: [item(1)], next: '@1' } : { items: [item(2)], next: '@1' },
    }));
    expect(await fetchGroupExport(looping, 'g1')).toEqual({
      ok: false,
      error: { kind: 'server', message: 'The export stopped making progress. Try again later.' },
    });
    expect(looping).toHaveBeenCalledTimes(2);
    const endless = server(1_000, 1);
    expect(await fetchGroupExport(endless, 'g1', { maxPages: 5 })).toMatchObject({ ok: false, error: { kind: 'server' } });
    expect(endless).toHaveBeenCalledTimes(5);
  });

  it('refuses an answer that is not an export', async () => {
    const odd = vi.fn<ExportPageCall>(async () => ({ ok: true, value: { items: 'nope' } as unknown as GroupExportPage }));
    expect(await fetchGroupExport(odd, 'g1')).toMatchObject({ ok: false, error: { kind: 'server' } });
  });
});
