/** What the popup is about to save: title, site, reading time, excerpt. */
import type { ClipPayload } from '@/utils/api-types';
import { readingMinutes } from '@/utils/api-types';
import { minutesLabel, siteLabel } from '@/utils/ui-format';

export function ClipPreview({ clip }: { clip: ClipPayload }) {
  const site = siteLabel(clip.site_name, clip.url);
  return (
    <article class="preview" aria-label="Page to save">
      <h1 class="preview-title">{clip.title}</h1>
      <p class="meta">
        <span>{site}</span>
        {clip.kind === 'article' ? (
          <span>{minutesLabel(readingMinutes(clip.text_length))}</span>
        ) : (
          <span>Link only</span>
        )}
        {clip.byline && <span>{clip.byline}</span>}
      </p>
      {clip.excerpt && <p class="excerpt">{clip.excerpt}</p>}
    </article>
  );
}
