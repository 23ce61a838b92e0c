/**
 * The stored copy's text with every member's highlights drawn as <mark>s. The HTML was
 * sanitised by the caller; the highlights are anchored on the text of this root (by position,
 * quote or fuzzily: utils/shared/anchoring.ts) each time the copy or its highlights change.
 * The first mark of each highlight is a tab stop named for who marked it and its replies;
 * click, Enter or Space opens its thread. With a selection inside the root, `h` or
 * Ctrl/Cmd+Shift+H highlights it (onShortcut); every selection in it is reported (onSelect).
 */
import { useEffect, useLayoutEffect, useRef } from 'preact/hooks';
import type { Highlight } from '@/utils/shared/api-types';
import { anchorAll } from '@/utils/shared/anchoring';
import type { QuoteTarget } from '@/utils/shared/quote-target';
import { markIdAt as markId, markPassage, targetFromSelection } from '@/utils/ui/highlight-dom';
import { highlightLabel } from '@/utils/ui/highlight-text';

export interface HighlightLayerProps {
  html: string;
  highlights: Highlight[];
  openId: string | null;
  onAnchored: (placed: Highlight[], orphans: Highlight[]) => void;
  onOpen: (id: string) => void;
  onSelect: (target: QuoteTarget) => void;
  onShortcut: (target: QuoteTarget) => void;
}

export function HighlightLayer({ html, highlights, openId, onAnchored, onOpen, onSelect, onShortcut }: HighlightLayerProps) {
  const root = useRef<HTMLDivElement>(null);
  // What the marks show: a refresh that changed none of it leaves the copy (and a selection in it) alone.
  const drawn = JSON.stringify(
    highlights.map((h) => [h.id, h.exact, h.prefix, h.suffix, h.start, h.end, h.author.display_name, h.reply_count]),
  );
  useLayoutEffect(() => {
    const el = root.current!;
    // Sanitised by the caller (sanitizeForDisplay); marks are added as elements, never as HTML.
    el.innerHTML = html;
    const { placed, orphans } = anchorAll(el.textContent ?? '', highlights);
    for (const h of placed) markPassage(el, h.span, h.id, highlightLabel(h));
    onAnchored(placed, orphans);
    // eslint-disable-next-line react-hooks/exhaustive-deps -- anchored again only when the copy or what its marks show changes
  }, [html, drawn]);
  useEffect(() => {
    for (const mark of Array.from(root.current!.querySelectorAll<HTMLElement>('mark[data-highlight-id]'))) {
      mark.classList.toggle('current', mark.dataset.highlightId === openId);
    }
  }, [openId, html, drawn]);
  useEffect(() => {
    const report = () => {
      const target = targetFromSelection(root.current!, document.getSelection());
      if (target) onSelect(target);
    };
    document.addEventListener('selectionchange', report);
    return () => document.removeEventListener('selectionchange', report);
  }, [onSelect]);

  function keyDown(event: KeyboardEvent) {
    const id = markId(event.target);
    if (id && (event.key === 'Enter' || event.key === ' ')) return (event.preventDefault(), onOpen(id));
    const mod = event.ctrlKey || event.metaKey;
    const shortcut = (event.key === 'h' && !mod && !event.altKey) || (event.key.toLowerCase() === 'h' && mod && event.shiftKey);
    const target = shortcut ? targetFromSelection(root.current!, document.getSelection()) : null;
    if (!target) return;
    event.preventDefault();
    onShortcut(target);
  }
  function click(event: MouseEvent) {
    const link = (event.target as Element | null)?.closest?.('a[href]');
    const id = markId(event.target);
    if (id && document.getSelection()?.isCollapsed !== false) return (event.preventDefault(), onOpen(id));
    if (!link) return;
    event.preventDefault();
    const href = link.getAttribute('href') ?? '';
    if (/^https?:\/\//i.test(href)) window.open(href, '_blank', 'noopener,noreferrer');
  }
  return (
    <div
      ref={root}
      class="reader"
      data-testid="reader-content"
      tabIndex={0}
      role="region"
      aria-label="Article text"
      aria-describedby="highlight-keys"
      onClick={click}
      onKeyDown={keyDown}
    />
  );
}
