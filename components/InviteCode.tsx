/** A fresh invite code, read-only and one click to copy. */
import { useState } from 'preact/hooks';

export function InviteCode({ code, groupName }: { code: string; groupName: string }) {
  const [copied, setCopied] = useState(false);
  async function copy() {
    try {
      await navigator.clipboard.writeText(code);
      setCopied(true);
    } catch {
      setCopied(false);
    }
  }
  return (
    <div class="field">
      <label for="invite-code">Invite code</label>
      <div class="row">
        <input id="invite-code" readOnly value={code} style="flex: 1" onFocus={(e) => e.currentTarget.select()} />
        <button type="button" class="secondary" onClick={copy}>{copied ? 'Copied' : 'Copy'}</button>
      </div>
      <span class="hint">Send this code to people you want in {groupName}. They join in Readclub's Options.</span>
    </div>
  );
}
