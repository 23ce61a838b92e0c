/** The group an invite code opens, before joining: its name and size, Join or Not now. */
import type { InvitePreview } from '@/utils/shared/api-types';

export interface InvitationCardProps {
  preview: InvitePreview;
  busy: boolean;
  onJoin: () => void;
  onClose: () => void;
}

export function InvitationCard({ preview, busy, onJoin, onClose }: InvitationCardProps) {
  if (preview.already_member) {
    return (
      <div class="card stack" role="group" aria-label="Invitation">
        <p role="status">You are already a member of {preview.name}.</p>
        <div class="row">
          <button type="button" class="link" onClick={onClose}>
            Close
          </button>
        </div>
      </div>
    );
  }
  return (
    <div class="card stack" role="group" aria-label="Invitation">
      <p>
        <strong>{preview.name}</strong>{' '}
        <span class="hint">{preview.member_count === 1 ? '1 member' : `${preview.member_count} members`}</span>
      </p>
      <div class="row">
        <button type="button" disabled={busy} onClick={onJoin}>
          Join {preview.name}
        </button>
        <button type="button" class="link" onClick={onClose}>
          Not now
        </button>
      </div>
    </div>
  );
}
