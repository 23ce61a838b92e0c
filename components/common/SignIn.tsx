/**
 * Email-code sign-in (popup and options): email → "Send code" → code → "Sign in".
 * The email a code went to is kept in pendingSignInEmail, so a popup closed while the
 * user fetches the code reopens at the code step. Against a backend on this machine (the local
 * stand-in, which sends no mail) it says the code is in the terminal.
 */
import { useEffect, useState } from 'preact/hooks';
import type { Account, UserError } from '@/utils/shared/protocol';
import { backendUrl, pendingSignInEmail } from '@/utils/shared/storage';
import { ask } from '@/utils/ui/ask';
import { isLocalBackend, LOCAL_CODE_HINT } from '@/utils/ui/local-backend';
import { Alert } from './Bits';

export interface SignInProps {
  onSignedIn: (account: Account) => void;
  /** Disable the buttons (e.g. while the backend settings are being saved). */
  disabled?: boolean;
}

export function SignIn({ onSignedIn, disabled = false }: SignInProps) {
  const [loaded, setLoaded] = useState(false);
  const [email, setEmail] = useState('');
  const [sentTo, setSentTo] = useState<string | null>(null);
  const [code, setCode] = useState('');
  const [busy, setBusy] = useState<'send' | 'verify' | null>(null);
  const [error, setError] = useState<UserError | null>(null);
  const [local, setLocal] = useState(false);

  useEffect(() => {
    Promise.all([pendingSignInEmail.getValue(), backendUrl.getValue()]).then(([pending, url]) => {
      if (pending) setEmail(pending);
      setSentTo(pending);
      setLocal(isLocalBackend(url));
      setLoaded(true);
    });
    return backendUrl.watch((url) => setLocal(isLocalBackend(url)));
  }, []);

  async function sendCode(event: Event) {
    event.preventDefault();
    const address = email.trim();
    setBusy('send');
    setError(null);
    const reply = await ask('sendSignInCode', { email: address });
    setBusy(null);
    if (!reply.ok) return setError(reply.error);
    await pendingSignInEmail.setValue(address);
    setSentTo(address);
    setCode('');
  }

  async function verify(event: Event) {
    event.preventDefault();
    setBusy('verify');
    setError(null);
    const reply = await ask('verifySignInCode', { email: (sentTo ?? email).trim(), code: code.trim() });
    setBusy(null);
    if (!reply.ok) return setError(reply.error);
    onSignedIn(reply.value);
  }

  async function useDifferentEmail() {
    await pendingSignInEmail.setValue(null);
    setSentTo(null);
    setEmail('');
    setCode('');
    setError(null);
  }

  if (!loaded) return null;
  const codeStep = sentTo !== null && busy !== 'send';
  return (
    <section class="sign-in" aria-label="Sign in">
      <form class="stack" onSubmit={sendCode}>
        <label for="sign-in-email">Email</label>
        <input
          id="sign-in-email"
          type="email"
          autoComplete="email"
          required
          value={email}
          onInput={(e) => setEmail(e.currentTarget.value)}
        />
        <button type="submit" class={codeStep ? 'secondary' : ''} disabled={disabled || busy !== null}>
          {busy === 'send' ? 'Sending…' : 'Send code'}
        </button>
      </form>
      {codeStep && (
        <form class="stack" onSubmit={verify}>
          <p class="hint">{local ? LOCAL_CODE_HINT : 'Check your inbox for the code we sent. It can take a minute to arrive.'}</p>
          <label for="sign-in-code">Sign-in code</label>
          <input
            id="sign-in-code"
            inputMode="numeric"
            autoComplete="one-time-code"
            required
            value={code}
            onInput={(e) => setCode(e.currentTarget.value)}
          />
          <button type="submit" disabled={disabled || busy !== null}>
            {busy === 'verify' ? 'Signing in…' : 'Sign in'}
          </button>
          <button type="button" class="link" onClick={useDifferentEmail}>
            Use a different email
          </button>
        </form>
      )}
      <Alert error={error} />
    </section>
  );
}
