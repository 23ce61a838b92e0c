import { afterEach, describe, expect, test, vi } from 'vitest';
import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/preact';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { QueuedNotice, SavedNotice } from './SavedNotice';
import { groups } from '@/components/testing/fixtures';

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

describe('SavedNotice', () => {
  test('new item: "Saved “<title>” to <group>." and Open queue opens the side panel in the click', async () => {
    const open = vi.fn().mockResolvedValue(undefined);
    vi.stubGlobal('chrome', { sidePanel: { open } });
    const getCurrent = vi.spyOn(fakeBrowser.windows, 'getCurrent').mockResolvedValue({ id: 5 } as never);
    render(
      <SavedNotice
        result={{ item_id: 'i', created: true, queued: true, comment_id: null }}
        group={groups[0]!}
        title="Reading Circles at Work"
      />,
    );
    expect(screen.getByText('Saved “Reading Circles at Work” to Thursday Circle.')).toBeTruthy();
    expect(screen.queryByText(/Already in/)).toBeNull();
    await waitFor(() => expect(getCurrent).toHaveBeenCalled());
    await Promise.resolve();
    fireEvent.click(screen.getByRole('button', { name: 'Open queue' }));
    expect(open).toHaveBeenCalledWith({ windowId: 5 });
  });

  test('a second member saving the same page is told it was already there and what was added', () => {
    render(<SavedNotice result={{ item_id: 'i', created: false, queued: false, comment_id: null }} group={groups[1]!} title="Deep Work" />);
    expect(screen.getByText('Saved “Deep Work” to Journal Club.')).toBeTruthy();
    expect(screen.getByText('Already in Journal Club — your tags and comment were added.')).toBeTruthy();
  });
});

test('without a title (an answer kept from before) it still says where', () => {
  render(<SavedNotice result={{ item_id: 'i', created: true, queued: false, comment_id: null }} group={groups[1]!} title="  " />);
  expect(screen.getByText('Saved to Journal Club.')).toBeTruthy();
});

describe('QueuedNotice', () => {
  test('says the clip is kept on this device and why, as a status', () => {
    render(<QueuedNotice message="Saved on this device. Readclub will send it after you sign in again." group={groups[0]!} />);
    const notice = screen.getByRole('status');
    expect(notice.textContent).toContain('Kept for Thursday Circle');
    expect(notice.textContent).toContain('after you sign in again');
  });
});
