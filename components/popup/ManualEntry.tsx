/**
 * Add something with no web page to clip — a book, a print article: title (required),
 * author, an optional link; the note is saved as the member's comment.
 */
import { useState } from 'preact/hooks';
import type { ClipItemResult, GroupSummary } from '@/utils/shared/api-types';
import { useGroups } from '@/utils/ui/hooks';
import { manualClip } from '@/utils/ui/manual';
import { ClipForm } from './ClipForm';
import { GroupGate } from './GroupGate';
import { GroupSelect, pickGroup } from '@/components/common/GroupSelect';

export interface ManualEntryProps {
  onSaved: (result: ClipItemResult, group: GroupSummary, title: string) => void;
  onBack: () => void;
}

export function ManualEntry({ onSaved, onBack }: ManualEntryProps) {
  const groups = useGroups();
  const [chosen, setChosen] = useState<string | null>(null);
  const [fields, setFields] = useState({ title: '', author: '', link: '' });
  const result = manualClip(fields);
  const field = (name: keyof typeof fields, label: string, type = 'text') => (
    <div class="field">
      <label for={`manual-${name}`}>{label}</label>
      <input
        id={`manual-${name}`}
        type={type}
        value={fields[name]}
        aria-required={name === 'title'}
        onInput={(e) => setFields((now) => ({ ...now, [name]: e.currentTarget.value }))}
      />
    </div>
  );

  return (
    <section class="stack" aria-label="Add a book or print article">
      <button type="button" class="link" onClick={onBack}>
        ← Back to this page
      </button>
      <h1>Add a book or print article</h1>
      <GroupGate state={groups}>
        {(list, lastId) => {
          const group = pickGroup(list, chosen ?? lastId)!;
          return (
            <>
              <GroupSelect groups={list} value={group.id} onChange={setChosen} />
              <ClipForm
                clip={result.ok ? result.clip : null}
                problem={result.ok ? null : result.message}
                group={group}
                onSaved={onSaved}
                commentLabel="Note"
              >
                {field('title', 'Title')}
                {field('author', 'Author')}
                {field('link', 'Link (optional)', 'url')}
              </ClipForm>
            </>
          );
        }}
      </GroupGate>
    </section>
  );
}
