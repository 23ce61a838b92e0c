/** The options page: backend, account, groups. */
import { useState } from 'preact/hooks';
import { useAccount } from '@/utils/ui/hooks';
import { AccountBar } from '@/components/common/AccountBar';
import { BackendSettings } from './BackendSettings';
import { GroupsManager } from './GroupsManager';
import { OutboxList } from '@/components/common/OutboxList';
import { NameStep } from '@/components/common/NameStep';
import { ProfileForm } from './ProfileForm';
import { SavedCheckSetting } from './SavedCheckSetting';
import { SignIn } from '@/components/common/SignIn';
import { YourData } from './YourData';

/**
 * An old invite link opens this page as options.html#join=CODE; the popup, for an invitation
 * to another server, as options.html#code=…&backend=…&key=… (the Join form reads that address).
 */
function joinCodeFromLink(): string {
  const params = new URLSearchParams(location.hash.slice(1));
  return params.get('code') ? location.href : (params.get('join') ?? '');
}

export function OptionsApp() {
  const [account, setAccount] = useAccount();
  const [backendBusy, setBackendBusy] = useState(false);
  const [farewell, setFarewell] = useState('');
  const [named, setNamed] = useState(0); // the name step saved: the profile form starts again from it
  return (
    <div class="page options">
      <h1 class="brand">Readclub options</h1>
      <section aria-labelledby="backend-heading">
        <h2 id="backend-heading">Backend</h2>
        <BackendSettings onBusy={setBackendBusy} />
      </section>
      <section aria-labelledby="account-heading">
        <h2 id="account-heading">Account</h2>
        {account === undefined ? null : account ? (
          <div class="stack">
            <AccountBar account={account} onSignedOut={() => setAccount(null)} showOptions={false} />
            <NameStep account={account} onSaved={(next) => (setNamed((n) => n + 1), setAccount(next))} />
            <ProfileForm key={`${account.userId} ${named}`} account={account} onSaved={setAccount} />
          </div>
        ) : (
          <div class="stack">
            {farewell && (
              <p class="ok" role="status">
                {farewell}
              </p>
            )}
            {joinCodeFromLink() && (
              <p class="note" data-testid="invited">
                You were invited to a reading group. Sign in, and you'll see which one and can join it right away.
              </p>
            )}
            <SignIn onSignedIn={(next) => (setFarewell(''), setAccount(next))} disabled={backendBusy} />
          </div>
        )}
      </section>
      <SavedCheckSetting />
      {/* Kept while offline or signed out; shown signed out too, so nothing waits unseen. */}
      <OutboxList />
      {account && (
        <section aria-labelledby="groups-heading">
          <h2 id="groups-heading">Groups</h2>
          <GroupsManager key={account.userId} userId={account.userId} joinCode={joinCodeFromLink()} />
        </section>
      )}
      {account && (
        <YourData
          key={account.userId}
          account={account}
          onDeleted={(r) => {
            setFarewell(
              `Your account was deleted. Comments deleted: ${r.deleted_comments}. Items deleted: ${r.deleted_items}. Items kept for the group without your name: ${r.kept_items}.`,
            );
            setAccount(null);
          }}
        />
      )}
    </div>
  );
}
