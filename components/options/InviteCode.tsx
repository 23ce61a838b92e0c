/**
 * A fresh invite: the invitation message (plain lines for any chat or email, with the code,
 * the join page's link and, for a group not on the build's own server, that server) and the
 * code alone, each read-only and one click to copy.
 */
import { useEffect, useId, useState } from 'preact/hooks';
import { invitationMessage } from '@/utils/shared/invitation';
import { joinPageUrl } from '@/utils/shared/join-page';
import { backendKey, backendUrl } from '@/utils/shared/storage';
import { Alert } from '@/components/common/Bits';

function CopyButton({ value, label }: { value: string; label: string }) {
  const [copied, setCopied] = useState(false);
  async function copy() {
    try {
      await navigator.clipboard.writeText(value);
      setCopied(true);
    } catch {
      setCopied(false);
    }
  }
  return (
    <button type="button" class="secondary" onClick={copy}>
      {copied ? 'Copied' : label}
    </button>
  );
}

/** The message for `code`: the backend is read from storage; null until it is. */
function useInvitation(code: string, groupName: string) {
  const [made, setMade] = useState<ReturnType<typeof invitationMessage> | null>(null);
  useEffect(() => {
    Promise.all([backendUrl.getValue(), backendKey.getValue()]).then(([url, key]) => {
      const backend = url === backendUrl.fallback ? undefined : { url, key };
      setMade(invitationMessage({ code, groupName, joinPage: joinPageUrl(), backend }));
    });
  }, [code, groupName]);
  return made;
}

export function InviteCode({ code, groupName }: { code: string; groupName: string }) {
  const made = useInvitation(code, groupName);
  // Each group card may show an invite at once: ids of their own, so each label names its field.
  const id = useId();
  return (
    <div class="stack">
      {made?.ok && (
        <div class="field">
          <label for={`invite-message-${id}`}>Invitation message</label>
          <textarea id={`invite-message-${id}`} readOnly rows={6} value={made.message} onFocus={(e) => e.currentTarget.select()} />
          <div class="row">
            <CopyButton value={made.message} label="Copy invitation" />
          </div>
        </div>
      )}
      {made && !made.ok && <Alert error={made.message} />}
      <div class="field">
        <label for={`invite-code-${id}`}>Invite code</label>
        <div class="row">
          <input id={`invite-code-${id}`} readOnly value={code} style="flex: 1" onFocus={(e) => e.currentTarget.select()} />
          <CopyButton value={code} label="Copy code" />
        </div>
      </div>
      <span class="hint">
        Send the invitation to people you want in {groupName}: they paste it into Join a group in Readclub, in any browser. The code is
        shown only now.
      </span>
    </div>
  );
}
