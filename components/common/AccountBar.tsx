/** Footer of the popup: who is signed in, "Sign out", "Options". */
import type { Account } from '@/utils/shared/protocol';
import { ask } from '@/utils/ui/ask';
import { openOptions } from '@/utils/ui/browser';

export interface AccountBarProps {
  account: Account;
  onSignedOut: () => void;
  /** Hide the Options button (on the options page itself). */
  showOptions?: boolean;
}

export function AccountBar({ account, onSignedOut, showOptions = true }: AccountBarProps) {
  async function signOut() {
    await ask('signOut');
    onSignedOut();
  }
  return (
    <div class="account-bar">
      <span class="who" title={account.email}>
        <strong>{account.displayName}</strong> <span class="hint">{account.email}</span>
      </span>
      <button type="button" class="link" onClick={signOut}>
        Sign out
      </button>
      {showOptions && (
        <button type="button" class="link" onClick={openOptions}>
          Options
        </button>
      )}
    </div>
  );
}
