import { afterEach, beforeEach, describe, expect, test, vi } from 'vitest';
import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/preact';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { resetProtocol, send } from '@/tests/support/protocol-mock';
import type { GroupExport } from '@/utils/shared/api-types';
import { cachedGroups } from '@/utils/shared/storage';
import { YourData } from './YourData';
import { ada, groups } from '@/components/testing/fixtures';

vi.mock('@/utils/shared/protocol', () => import('@/tests/support/protocol-mock'));

const exported: GroupExport = {
  format: 'readclub-export',
  version: 1,
  exported_at: '2026-12-01T10:00:00Z',
  exported_by: { id: 'u-ada', display_name: 'Ada' },
  group: { id: 'g2', name: 'Journal Club', description: '', created_at: '2026-10-01T00:00:00Z', my_role: 'member' },
  members: [],
  items: [],
  queue: [],
  meetings: { next: null, past: [] },
};

/** The files the page handed to the browser, as name → text. */
let files: Array<{ name: string; type: string; text: Promise<string> }> = [];
beforeEach(async () => {
  fakeBrowser.reset();
  resetProtocol();
  files = [];
  const blobs = new Map<string, Blob>();
  vi.stubGlobal(
    'URL',
    Object.assign(URL, {
      createObjectURL: (blob: Blob) => {
        const url = `blob:test/${blobs.size}`;
        blobs.set(url, blob);
        return url;
      },
      revokeObjectURL: () => {},
    }),
  );
  vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(function (this: HTMLAnchorElement) {
    const blob = blobs.get(this.href)!;
    files.push({ name: this.download, type: blob.type, text: blob.text() });
  });
  await cachedGroups.setValue(groups);
});
afterEach(() => {
  cleanup();
  vi.restoreAllMocks();
});

describe('YourData', () => {
  test('downloads the chosen group as JSON and as Markdown', async () => {
    send.mockResolvedValue({ ok: true, value: exported });
    render(<YourData account={ada} onDeleted={vi.fn()} />);
    fireEvent.change(await screen.findByLabelText('Group to export'), { target: { value: 'g2' } });
    fireEvent.click(screen.getByRole('button', { name: 'Download JSON' }));
    await waitFor(() => expect(files).toHaveLength(1));
    expect(send).toHaveBeenCalledWith('exportGroup', { groupId: 'g2' });
    expect(files[0]).toMatchObject({ name: 'readclub-journal-club-2026-12-01.json', type: 'application/json' });
    expect(JSON.parse(await files[0]!.text)).toEqual(exported);
    expect(screen.getByRole('status').textContent).toBe('Downloaded readclub-journal-club-2026-12-01.json: 0 items.');

    fireEvent.click(screen.getByRole('button', { name: 'Download Markdown' }));
    await waitFor(() => expect(files).toHaveLength(2));
    expect(files[1]).toMatchObject({ name: 'readclub-journal-club-2026-12-01.md', type: 'text/markdown' });
    expect(await files[1]!.text).toMatch(/^# Journal Club\n/);
  });

  test('a refused export says why and downloads nothing', async () => {
    send.mockResolvedValue({ ok: false, error: { kind: 'invalid', message: 'You are not a member of this group.' } });
    render(<YourData account={ada} onDeleted={vi.fn()} />);
    fireEvent.click(await screen.findByRole('button', { name: 'Download JSON' }));
    expect((await screen.findByRole('alert')).textContent).toBe('You are not a member of this group.');
    expect(send).toHaveBeenCalledWith('exportGroup', { groupId: 'g1' });
    expect(files).toEqual([]);
  });

  test('with no group there is nothing to export', async () => {
    await cachedGroups.setValue([]);
    render(<YourData account={ada} onDeleted={vi.fn()} />);
    await screen.findByText('You are in no group, so there is nothing to export.');
    expect(screen.queryByRole('button', { name: 'Download JSON' })).toBeNull();
  });
});
