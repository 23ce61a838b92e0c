/**
 * The popup's "Join with an invite code": a link beside the group picker (or, with no group
 * yet, the form itself) that previews the group and joins it without leaving the popup.
 */
import { createContext } from 'preact';
import { useContext, useEffect, useState } from 'preact/hooks';
import { pendingInviteCode } from '@/utils/shared/storage';
import { JoinGroupForm } from './JoinGroupForm';

export type Joined = (group: { id: string; name: string }) => void;

/** Set by GroupGate: a group picker inside it offers joining another group. */
export const JoinContext = createContext<Joined | null>(null);

export function JoinAnotherGroup({ onJoined, open: startOpen = false }: { onJoined: Joined; open?: boolean }) {
  const [open, setOpen] = useState(startOpen);
  // An invitation the member switched servers for: its Join form opens with it.
  useEffect(() => void pendingInviteCode.getValue().then((pending) => pending && setOpen(true)), []);
  if (!open) {
    return (
      <button type="button" class="link" aria-expanded={false} onClick={() => setOpen(true)}>
        Join with an invite code
      </button>
    );
  }
  return (
    <div class="stack">
      <JoinGroupForm onJoined={(group) => (setOpen(startOpen), onJoined(group))} />
      {!startOpen && (
        <button type="button" class="link" aria-expanded onClick={() => setOpen(false)}>
          Close
        </button>
      )}
    </div>
  );
}

/** Beside a group picker inside GroupGate; nothing elsewhere (the side panel's switcher). */
export function JoinFromPicker() {
  const onJoined = useContext(JoinContext);
  return onJoined ? <JoinAnotherGroup onJoined={onJoined} /> : null;
}
