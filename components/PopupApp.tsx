/** The toolbar popup: sign in, or clip the current tab into a group. */
import { openOptions } from '@/utils/ui-browser';
import { useAccount } from '@/utils/ui-hooks';
import { AccountBar } from './AccountBar';
import { ClipFlow } from './ClipFlow';
import { SignIn } from './SignIn';

export function PopupApp({ tabId }: { tabId?: number }) {
  const [account, setAccount] = useAccount();
  if (account === undefined) return null;
  return (
    <div class="page popup">
      <header class="brand">Readclub</header>
      {account ? (
        <>
          <main>
            <ClipFlow tabId={tabId} />
          </main>
          <footer>
            <AccountBar account={account} onSignedOut={() => setAccount(null)} />
          </footer>
        </>
      ) : (
        <main>
          <p class="hint">Sign in to save pages to your reading group.</p>
          <SignIn onSignedIn={setAccount} />
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
