/** A fresh invite: the code and the same code as a link, read-only and one click to copy. */
import { useState } from 'preact/hooks';

/** The options page with the code after `#join=`: opening it fills in the Join form (and the server reads the code after the last =). */
export function inviteLink(code: string, page: string = location.origin + location.pathname): string {
  return `${page}#join=${encodeURIComponent(code)}`;
}

function CopyField({ id, label, value, copyLabel }: { id: string; label: string; value: string; copyLabel: string }) {
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
    <div class="field">
      <label for={id}>{label}</label>
      <div class="row">
        <input id={id} readOnly value={value} style="flex: 1" onFocus={(e) => e.currentTarget.select()} />
        <button type="button" class="secondary" onClick={copy}>
          {copied ? 'Copied' : copyLabel}
        </button>
      </div>
    </div>
  );
}

export function InviteCode({ code, groupName }: { code: string; groupName: string }) {
  return (
    <div class="stack">
      <CopyField id="invite-code" label="Invite code" value={code} copyLabel="Copy" />
      <CopyField id="invite-link" label="Invite link" value={inviteLink(code)} copyLabel="Copy link" />
      <span class="hint">
        Send the code or the link to people you want in {groupName}. They join in Readclub's Options. The code is shown only now.
      </span>
    </div>
  );
}
