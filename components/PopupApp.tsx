/** The toolbar popup: sign in; or clip the current tab, or add a book or print article, into a group. */
import { useState } from 'preact/hooks';
import type { ClipItemResult, GroupSummary } from '@/utils/api-types';
import { openOptions } from '@/utils/ui-browser';
import { useAccount } from '@/utils/ui-hooks';
import { AccountBar } from './AccountBar';
import { ClipFlow } from './ClipFlow';
import { ManualEntry } from './ManualEntry';
import { OutboxList } from './OutboxList';
import { SavedNotice } from './SavedNotice';
import { SignIn } from './SignIn';

export function PopupApp({ tabId }: { tabId?: number }) {
  const [account, setAccount] = useAccount();
  const [manual, setManual] = useState(false);
  const [saved, setSaved] = useState<{ result: ClipItemResult; group: GroupSummary } | null>(null);
  if (account === undefined) return null;
  let content;
  if (saved) content = <SavedNotice result={saved.result} group={saved.group} />;
  else if (manual) content = <ManualEntry onBack={() => setManual(false)} onSaved={(result, group) => setSaved({ result, group })} />;
  else {
    content = (
      <>
        <ClipFlow tabId={tabId} />
        <button type="button" class="link" onClick={() => setManual(true)}>Add a book or print article</button>
      </>
    );
  }
  return (
    <div class="page popup">
      <header class="brand">Readclub</header>
      {account ? (
        <>
          <main class="stack">
            {content}
            <OutboxList />
          </main>
          <footer>
            <AccountBar account={account} onSignedOut={() => setAccount(null)} />
          </footer>
        </>
      ) : (
        <main>
          <p class="hint">Sign in to save pages to your reading group.</p>
          <SignIn onSignedIn={setAccount} />
          <OutboxList />
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
