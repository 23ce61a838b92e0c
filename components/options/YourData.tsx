/** Options: take a copy of a group (JSON with everything, Markdown to read), and delete the account. */
import { useState } from 'preact/hooks';
import type { AccountDeletion } from '@/utils/shared/api-types';
import type { Account, UserError } from '@/utils/shared/protocol';
import { exportFileName, renderExportMarkdown } from '@/utils/ui/export-markdown';
import { cachedGroups } from '@/utils/shared/storage';
import { ask } from '@/utils/ui/ask';
import { useStored } from '@/utils/ui/hooks';
import { Alert } from '@/components/common/Bits';
import { DeleteAccount } from './DeleteAccount';

/** Hands the text to the browser as a file download (an options page may do this without any permission). */
export function downloadText(name: string, type: string, text: string): void {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const link = Object.assign(document.createElement('a'), { href: url, download: name });
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}

export function YourData({ account, onDeleted }: { account: Account; onDeleted: (result: AccountDeletion) => void }) {
  const groups = useStored(cachedGroups) ?? [];
  const [chosen, setChosen] = useState('');
  const [busy, setBusy] = useState(false);
  const [done, setDone] = useState('');
  const [error, setError] = useState<UserError | null>(null);
  const groupId = groups.some((g) => g.id === chosen) ? chosen : (groups[0]?.id ?? '');

  async function download(format: 'json' | 'md') {
    setBusy(true);
    setError(null);
    setDone('');
    const reply = await ask('exportGroup', { groupId });
    setBusy(false);
    if (!reply.ok) return setError(reply.error);
    const name = exportFileName(reply.value, format);
    if (format === 'json') downloadText(name, 'application/json', `${JSON.stringify(reply.value, null, 2)}\n`);
    else downloadText(name, 'text/markdown', renderExportMarkdown(reply.value));
    setDone(`Downloaded ${name}: ${reply.value.items.length} items.`);
  }

  return (
    <section aria-labelledby="your-data-heading" class="stack">
      <h2 id="your-data-heading">Your data</h2>
      <p class="hint">
        A copy of everything you can see in a group: items with their details and saved copies, tags, comments, read marks, the queue with
        votes, and meetings with their agendas and takeaways. JSON keeps everything; Markdown is for reading.
      </p>
      {groups.length === 0 ? (
        <p class="hint">You are in no group, so there is nothing to export.</p>
      ) : (
        <div class="row">
          <label for="export-group">Group to export</label>
          <select id="export-group" value={groupId} onChange={(e) => setChosen(e.currentTarget.value)}>
            {groups.map((g) => (
              <option key={g.id} value={g.id}>
                {g.name}
              </option>
            ))}
          </select>
          <button type="button" disabled={busy} onClick={() => download('json')}>
            Download JSON
          </button>
          <button type="button" disabled={busy} onClick={() => download('md')}>
            Download Markdown
          </button>
        </div>
      )}
      {done && (
        <p class="ok" role="status">
          {done}
        </p>
      )}
      <Alert error={error} />
      <DeleteAccount account={account} onDeleted={onDeleted} />
    </section>
  );
}
