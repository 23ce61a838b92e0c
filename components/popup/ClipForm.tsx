/**
 * Tags, comment and "Queue for discussion" for one clip, and the save to the chosen group.
 * A failed save keeps everything typed and retries with the same client id (idempotent).
 * `children` go first in the form (the manual entry's own fields); `problem` is why the
 * clip cannot be saved yet, shown when the member tries.
 */
import type { ComponentChildren } from 'preact';
import { useState } from 'preact/hooks';
import type { ClipItemResult, ClipPayload, GroupSummary } from '@/utils/shared/api-types';
import type { UserError } from '@/utils/shared/protocol';
import { lastGroupId } from '@/utils/shared/storage';
import { ask } from '@/utils/ui/ask';
import { parseTags } from '@/utils/ui/format';
import { Alert, TagChips } from '@/components/common/Bits';
import { QueuedNotice } from './SavedNotice';

export interface ClipFormProps {
  clip: ClipPayload | null;
  group: GroupSummary;
  /** title: the saved item's title, for the notice that names it. */
  onSaved: (result: ClipItemResult, group: GroupSummary, title: string) => void;
  problem?: string | null;
  commentLabel?: string;
  children?: ComponentChildren;
}

export function ClipForm({ clip, group, onSaved, problem, commentLabel = 'Comment', children }: ClipFormProps) {
  const [clientId] = useState(() => crypto.randomUUID());
  const [tagsText, setTagsText] = useState('');
  const [comment, setComment] = useState('');
  const [queue, setQueue] = useState(true);
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<UserError | string | null>(null);
  const [queued, setQueued] = useState<string | null>(null);
  const tags = parseTags(tagsText);

  async function save(event: Event) {
    event.preventDefault();
    if (saving) return;
    if (problem || !clip) return setError(problem ?? 'Nothing to save.');
    setSaving(true);
    setError(null);
    const reply = await ask('saveClip', {
      p_client_id: clientId,
      p_group_id: group.id,
      p_clip: clip,
      p_tags: tags,
      p_comment: comment.trim() || null,
      p_queue: queue,
    });
    setSaving(false);
    // Kept in the outbox (offline, server down, session ended): it will be sent; say so.
    if (!reply.ok && reply.error.kind === 'queued') return setQueued(reply.error.message);
    if (!reply.ok) return setError(reply.error);
    await lastGroupId.setValue(group.id);
    onSaved(reply.value, group, clip.title);
  }

  if (queued) return <QueuedNotice message={queued} group={group} />;
  // A problem shown is the live one: it changes or goes as the member fixes the fields.
  const shown = typeof error === 'string' ? (problem ?? null) : error;
  const label = clip?.kind === 'link' ? `Save as link to ${group.name}` : `Save to ${group.name}`;
  return (
    <form class="stack" onSubmit={save} noValidate>
      {children}
      <div class="field">
        <label for="clip-tags">Tags</label>
        <input
          id="clip-tags"
          value={tagsText}
          placeholder="leadership, remote work"
          aria-describedby="clip-tags-hint"
          onInput={(e) => setTagsText(e.currentTarget.value)}
        />
        <span id="clip-tags-hint" class="hint">
          Separate tags with commas.
        </span>
        <TagChips tags={tags} label="Tags to add" />
      </div>
      <div class="field">
        <label for="clip-comment">{commentLabel}</label>
        <textarea
          id="clip-comment"
          rows={3}
          value={comment}
          placeholder="Why should the group read this?"
          onInput={(e) => setComment(e.currentTarget.value)}
        />
      </div>
      <label class="check">
        <input type="checkbox" checked={queue} onChange={(e) => setQueue(e.currentTarget.checked)} />
        Queue for discussion
      </label>
      <Alert error={shown} />
      <button type="submit" disabled={saving}>
        {saving ? 'Saving…' : shown && !problem ? 'Try again' : label}
      </button>
    </form>
  );
}
