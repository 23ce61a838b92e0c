/**
 * What the popup is about to save: title, site, reading time or kind, byline, excerpt; a
 * link card's image; and whether it is only the selection or a shortened article.
 */
import type { ClipPayload } from '@/utils/shared/api-types';
import { readingMinutes } from '@/utils/shared/api-types';
import { kindLabel } from '@/utils/ui/format';
import { siteLabel } from '@/utils/shared/site-name';

export function ClipPreview({ clip }: { clip: ClipPayload }) {
  const site = siteLabel(clip.site_name, clip.url);
  const minutes = readingMinutes(clip.text_length, clip.word_count);
  return (
    <article class="preview" aria-label="Page to save">
      {clip.kind === 'link' && clip.lead_image_url && (
        // A remote image that fails to load is hidden rather than shown broken.
        <img
          class="card-image"
          src={clip.lead_image_url}
          alt={`Image from ${site ?? clip.title}`}
          onError={(e) => (e.currentTarget.hidden = true)}
        />
      )}
      <h1 class="preview-title">{clip.title}</h1>
      <p class="meta">
        {site && <span>{site}</span>}
        <span>{kindLabel(clip.kind, minutes)}</span>
        {clip.byline && <span>{clip.byline}</span>}
      </p>
      {clip.selection && <p class="note">Selection only: just the text you selected will be saved.</p>}
      {clip.truncated && <p class="note">This article is very long: it was shortened to fit Readclub's size limit.</p>}
      {clip.excerpt && <p class="excerpt">{clip.excerpt}</p>}
    </article>
  );
}
