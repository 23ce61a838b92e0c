/** The toolbar popup: sign in; or clip the current tab, or add a book or print article, into a group. */
import { useState } from 'preact/hooks';
import type { ClipItemResult, GroupSummary } from '@/utils/shared/api-types';
import { openOptions } from '@/utils/ui/browser';
import { useAccount } from '@/utils/ui/hooks';
import type { PopupStart } from '@/utils/ui/popup-start';
import { AccountBar } from '@/components/common/AccountBar';
import { ClipFlow } from './ClipFlow';
import { ManualEntry } from './ManualEntry';
import { OutboxList } from '@/components/common/OutboxList';
import { SavedNotice } from './SavedNotice';
import { SignIn } from '@/components/common/SignIn';
import { NameStep } from '@/components/common/NameStep';

/** `start`: the cached state read before the first render (entrypoints/popup/main.tsx). */
export function PopupApp({ tabId, start }: { tabId?: number; start?: PopupStart }) {
  const [account, setAccount] = useAccount(start?.account);
  const [manual, setManual] = useState(false);
  // The tab read before the first render; back from manual entry, ClipFlow reads it anew.
  const [reading, setReading] = useState(start?.reading);
  const [saved, setSaved] = useState<{ result: ClipItemResult; group: GroupSummary; title: string } | null>(null);
  if (account === undefined) return null;
  let content;
  if (saved) content = <SavedNotice result={saved.result} group={saved.group} title={saved.title} />;
  else if (manual)
    content = <ManualEntry onBack={() => setManual(false)} onSaved={(result, group, title) => setSaved({ result, group, title })} />;
  else {
    const cached = start && { groups: start.groups, lastId: start.lastGroupId };
    content = (
      <>
        <ClipFlow tabId={tabId} reading={reading} cached={cached} />
        <button type="button" class="link" onClick={() => (setManual(true), setReading(undefined))}>
          Add a book or print article
        </button>
      </>
    );
  }
  return (
    <div class="page popup">
      <header class="brand">Readclub</header>
      {account ? (
        <>
          <main class="stack">
            <NameStep account={account} onSaved={setAccount} />
            {content}
            <OutboxList cached={start?.outbox} account={start?.account} />
          </main>
          <footer>
            <AccountBar account={account} onSignedOut={() => setAccount(null)} />
          </footer>
        </>
      ) : (
        <main>
          <p class="hint">Sign in to save pages to your reading group.</p>
          <SignIn onSignedIn={setAccount} />
          <OutboxList cached={start?.outbox} account={start?.account} />
          <footer class="account-bar">
            <span class="who" />
            <button type="button" class="link" onClick={openOptions}>
              Options
            </button>
          </footer>
        </main>
      )}
    </div>
  );
}
