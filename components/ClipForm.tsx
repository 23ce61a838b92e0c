/**
 * Group, tags, comment and "Queue for discussion" for one clip, and the save. A failed
 * save keeps everything typed and retries with the same client id (idempotent).
 */
import { useState } from 'preact/hooks';
import type { ClipItemResult, ClipPayload, GroupSummary } from '@/utils/api-types';
import type { UserError } from '@/utils/protocol';
import { lastGroupId } from '@/utils/storage';
import { ask } from '@/utils/ui-ask';
import { parseTags } from '@/utils/ui-format';
import { Alert, TagChips } from './Bits';
import { GroupSelect, pickGroup } from './GroupSelect';

export interface ClipFormProps {
  clip: ClipPayload;
  groups: GroupSummary[];
  initialGroupId: string | null;
  onSaved: (result: ClipItemResult, group: GroupSummary) => void;
}

export function ClipForm({ clip, groups, initialGroupId, onSaved }: ClipFormProps) {
  const [clientId] = useState(() => crypto.randomUUID());
  const [chosen, setChosen] = useState(initialGroupId);
  const [tagsText, setTagsText] = useState('');
  const [comment, setComment] = useState('');
  const [queue, setQueue] = useState(true);
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<UserError | null>(null);
  const group = pickGroup(groups, chosen);
  const tags = parseTags(tagsText);

  async function save(event: Event) {
    event.preventDefault();
    if (!group || saving) return;
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
    if (!reply.ok) return setError(reply.error);
    await lastGroupId.setValue(group.id);
    onSaved(reply.value, group);
  }

  if (!group) return null;
  return (
    <form class="stack" onSubmit={save}>
      <GroupSelect groups={groups} value={group.id} onChange={setChosen} />
      <div class="field">
        <label for="clip-tags">Tags</label>
        <input id="clip-tags" value={tagsText} placeholder="leadership, remote work" aria-describedby="clip-tags-hint"
          onInput={(e) => setTagsText(e.currentTarget.value)} />
        <span id="clip-tags-hint" class="hint">Separate tags with commas.</span>
        <TagChips tags={tags} label="Tags to add" />
      </div>
      <div class="field">
        <label for="clip-comment">Comment</label>
        <textarea id="clip-comment" rows={3} value={comment} placeholder="Why should the group read this?"
          onInput={(e) => setComment(e.currentTarget.value)} />
      </div>
      <label class="check">
        <input type="checkbox" checked={queue} onChange={(e) => setQueue(e.currentTarget.checked)} />
        Queue for discussion
      </label>
      <Alert error={error} />
      <button type="submit" disabled={saving}>
        {saving ? 'Saving…' : error ? 'Try again' : `Save to ${group.name}`}
      </button>
    </form>
  );
}
