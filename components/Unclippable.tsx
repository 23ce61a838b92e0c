/** A page the clipper cannot read: say why, and offer to save the bare link. */
import type { ClipPayload } from '@/utils/api-types';
import type { UserError } from '@/utils/protocol';
import { Alert } from './Bits';

export interface UnclippableProps {
  error: UserError;
  url: string | null;
  title: string | null;
  onSaveAsLink: (clip: ClipPayload) => void;
}

/** The ClipPayload for a plain link: no text, no content. */
export function linkPayload(url: string, title: string | null): ClipPayload {
  return {
    kind: 'link',
    url,
    canonical_url: null,
    title: title?.trim().slice(0, 300) || url,
    byline: null,
    site_name: null,
    excerpt: null,
    content_html: null,
    text_length: 0,
    lang: null,
    lead_image_url: null,
  };
}

export function Unclippable({ error, url, title, onSaveAsLink }: UnclippableProps) {
  return (
    <div class="stack">
      <Alert error={error} />
      {url !== null && (
        <>
          <p class="hint">You can still share it with your group as a link.</p>
          <button type="button" onClick={() => onSaveAsLink(linkPayload(url, title))}>
            Save as link
          </button>
        </>
      )}
    </div>
  );
}
