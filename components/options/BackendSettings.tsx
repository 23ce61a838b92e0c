/** Options: which Supabase project the extension talks to (URL and publishable or anon key). */
import { useEffect, useState } from 'preact/hooks';
import { backendKey, backendUrl } from '@/utils/shared/storage';
import { backendPattern, changeBackend, refusedMessage, requestBackendAccess } from '@/utils/ui/backend-access';
import { Alert } from '@/components/common/Bits';

export interface BackendSettingsProps {
  /** Told when a save starts and ends, so sign-in waits for the new backend. */
  onBusy?: (busy: boolean) => void;
}

export function BackendSettings({ onBusy }: BackendSettingsProps) {
  const [values, setValues] = useState<{ url: string; key: string } | null>(null);
  const [status, setStatus] = useState<'idle' | 'saving' | 'saved'>('idle');
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    const load = () => Promise.all([backendUrl.getValue(), backendKey.getValue()]).then(([url, key]) => setValues({ url, key }));
    load();
    // Switched elsewhere (the Join form, for an invitation's server): show what is used now.
    const stop = [backendUrl.watch(load), backendKey.watch(load)];
    return () => stop.forEach((unwatch) => unwatch());
  }, []);

  async function save(event: Event) {
    event.preventDefault();
    if (!values) return;
    const url = values.url.trim().replace(/\/+$/, '');
    if (!/^https?:\/\/[^\s/]+/.test(url) || !backendPattern(url)) return setError('Enter the project URL, like https://abcd.supabase.co');
    // First await of the click: the browser shows its permission prompt only in a user gesture.
    if (!(await requestBackendAccess(url))) return setError(refusedMessage(url));
    setError(null);
    setStatus('saving');
    onBusy?.(true);
    const failed = await changeBackend(url, values.key);
    onBusy?.(false);
    setStatus(failed ? 'idle' : 'saved');
    if (failed) setError(failed);
  }

  if (!values) return null;
  const edit = (patch: Partial<typeof values>) => (setValues({ ...values, ...patch }), setStatus('idle'));
  return (
    <form class="stack" onSubmit={save}>
      <p class="hint">Your group's Supabase project. Everyone in the group uses the same one.</p>
      <div class="field">
        <label for="backend-url">Backend URL</label>
        <input id="backend-url" type="url" required value={values.url} onInput={(e) => edit({ url: e.currentTarget.value })} />
      </div>
      <div class="field">
        <label for="backend-key">Public key</label>
        <input
          id="backend-key"
          required
          spellcheck={false}
          aria-describedby="backend-key-hint"
          value={values.key}
          onInput={(e) => edit({ key: e.currentTarget.value })}
        />
        <span id="backend-key-hint" class="hint">
          The project's publishable key (sb_publishable_…) or legacy anon key — never a secret or service-role key.
        </span>
      </div>
      <Alert error={error} />
      <div class="row">
        <button type="submit" disabled={status === 'saving'}>
          Save backend
        </button>
        {status === 'saved' && (
          <span class="ok" role="status">
            Saved.
          </span>
        )}
      </div>
    </form>
  );
}
