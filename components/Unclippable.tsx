/** A page the clipper cannot read: say why, and offer to save the bare link. */
import type { ClipPayload } from '@/utils/api-types';
import type { UserError } from '@/utils/protocol';
import { linkClip } from '@/utils/link-clip';
import { Alert } from './Bits';

export interface UnclippableProps {
  error: UserError;
  url: string | null;
  title: string | null;
  onSaveAsLink: (clip: ClipPayload) => void;
}

export function Unclippable({ error, url, title, onSaveAsLink }: UnclippableProps) {
  return (
    <div class="stack">
      <Alert error={error} />
      {url !== null && (
        <>
          <p class="hint">You can still share it with your group as a link.</p>
          <button type="button" onClick={() => onSaveAsLink(linkClip(url, title))}>
            Save as link
          </button>
        </>
      )}
    </div>
  );
}
