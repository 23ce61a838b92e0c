/**
 * Clipping without the popup: the keyboard shortcut and the right-click menu save the page
 * (or the selected text) straight into the last group used, with no tags, no comment and
 * not queued, then say how it went on the toolbar badge and in a notification. The save
 * goes through the same saveClip handler as the popup's Save, with a fresh client id.
 */
import { browser } from '#imports';
import type { ClipPayload } from '@/utils/shared/api-types';
import type { Handlers } from './handlers/types';
import type { TabClip } from '@/utils/shared/protocol';
import { cachedGroups, lastGroupId } from '@/utils/shared/storage';
import { readStoredAccount } from './session';
import { notify, showBadge } from './toolbar';

/** page: the article (or its link card); selection: only the selected text; auto: the selection when there is one. */
export type ClipMode = 'page' | 'selection' | 'auto';

/** The shortcut's name in the manifest's `commands` (wxt.config.ts). */
export const CLIP_COMMAND = 'clip-page';
export const NOTIFICATION_ID = 'readclub-quick-clip';

export const SIGN_IN_MESSAGE = 'Sign in to Readclub first: click the Readclub button in the toolbar.';
export const NO_GROUP_MESSAGE =
  'Readclub doesn’t know which group to save to yet. Create or join a group in Readclub’s options, or save a page once from the toolbar button.';
export const NO_SELECTION_MESSAGE = 'Readclub couldn’t read the selected text. Select it again and retry, or clip the whole page.';
export const QUICK_NETWORK_MESSAGE = 'Can’t reach the Readclub server, so this page was not saved. Check your connection and try again.';

export interface QuickClipOutcome {
  ok: boolean;
  /** What the notification said. */
  message: string;
  itemId?: string;
}

export type QuickClipHandlers = Pick<Handlers, 'clipTab' | 'saveClip'>;

async function groupName(groupId: string): Promise<string> {
  return (await cachedGroups.getValue()).find((g) => g.id === groupId)?.name ?? 'your group';
}

/** The clip to save for `mode`, or the reason there is none. */
export function chooseClip(tabClip: TabClip, mode: ClipMode): { clip: ClipPayload } | { error: string } {
  if (mode !== 'page' && tabClip.selection) return { clip: tabClip.selection };
  if (mode === 'selection') return { error: tabClip.ok ? NO_SELECTION_MESSAGE : tabClip.error.message };
  if (tabClip.ok) return { clip: tabClip.clip };
  // Not an article (a video, a short page): keep it as a link card when it has a web address.
  return tabClip.link ? { clip: tabClip.link } : { error: tabClip.error.message };
}

async function activeTabId(): Promise<number | undefined> {
  const [tab] = await browser.tabs.query({ active: true, lastFocusedWindow: true }).catch(() => []);
  return tab?.id;
}

/** The whole flow for one tab (the active tab when tabId is missing). Never throws. */
export async function quickClip(
  handlers: QuickClipHandlers,
  tabId: number | undefined,
  mode: ClipMode,
  newClientId: () => string = () => crypto.randomUUID(),
): Promise<QuickClipOutcome> {
  const tab = tabId ?? (await activeTabId());
  const finish = async (outcome: QuickClipOutcome, title: string): Promise<QuickClipOutcome> => {
    if (tab != null) {
      await showBadge(
        tab,
        outcome.ok ? { text: '✓', title, color: 'done' } : { text: '!', title: `${title}: ${outcome.message}`, color: 'failed' },
      );
    }
    await notify(NOTIFICATION_ID, title, outcome.message);
    return outcome;
  };
  const fail = (message: string) => finish({ ok: false, message }, 'Not saved');

  try {
    if (!(await readStoredAccount())) return await fail(SIGN_IN_MESSAGE);
    const groupId = await lastGroupId.getValue();
    if (!groupId) return await fail(NO_GROUP_MESSAGE);
    if (tab != null) await showBadge(tab, { text: '…', title: 'Clipping…', color: 'working' });

    const clipped = await handlers.clipTab({ tabId: tab });
    if (!clipped.ok) return await fail(clipped.error.message);
    const chosen = chooseClip(clipped.value, mode);
    if ('error' in chosen) return await fail(chosen.error);

    const saved = await handlers.saveClip({
      p_client_id: newClientId(),
      p_group_id: groupId,
      p_clip: chosen.clip,
      p_tags: [],
      p_comment: null,
      p_queue: false,
    });
    if (!saved.ok) {
      const { kind, message } = saved.error;
      // Kept in the outbox (offline, server down, session ended): not lost, but not sent yet.
      if (kind === 'queued') return await finish({ ok: false, message: `“${chosen.clip.title}”: ${message}` }, 'Not sent yet');
      return await fail(kind === 'signed-out' ? SIGN_IN_MESSAGE : kind === 'network' ? QUICK_NETWORK_MESSAGE : message);
    }
    const group = await groupName(groupId);
    const what = chosen.clip.selection ? 'the selection from ' : chosen.clip.kind === 'link' ? 'a link to ' : '';
    const message = saved.value.created
      ? `Added ${what}“${chosen.clip.title}” to ${group}.`
      : `“${chosen.clip.title}” was already in ${group}.`;
    return await finish({ ok: true, message, itemId: saved.value.item_id }, `Saved to ${group}`);
  } catch (e) {
    console.warn('[readclub] quick clip failed', e);
    return fail('Something went wrong while clipping. Try again, or use the Readclub toolbar button.');
  }
}

export type CommandListener = (command: string, tab?: { id?: number }) => Promise<QuickClipOutcome | null>;

/** Answers the keyboard shortcut; returns the listener. */
export function registerShortcut(clip: (tabId: number | undefined, mode: ClipMode) => Promise<QuickClipOutcome>): CommandListener {
  const onCommand: CommandListener = async (command, tab) => (command === CLIP_COMMAND ? clip(tab?.id, 'auto') : null);
  browser.commands.onCommand.addListener((command, tab) => void onCommand(command, tab));
  return onCommand;
}
