/**
 * A page the clipper cannot read as an article: say why, and show its link card (when it
 * has an address) so it can still be saved as a link.
 */
import type { ClipPayload } from '@/utils/shared/api-types';
import type { UserError } from '@/utils/shared/protocol';
import { Alert } from '@/components/common/Bits';
import { ClipPreview } from './ClipPreview';

export function Unclippable({ error, link }: { error: UserError; link: ClipPayload | null }) {
  return (
    <div class="stack">
      <Alert error={error} />
      {link && (
        <>
          <p class="hint">You can still share it with your group as a link.</p>
          <ClipPreview clip={link} />
        </>
      )}
    </div>
  );
}
