/**
 * The copy with its highlights: the marked text, the form for a new highlight, the open
 * highlight's thread and the list of passages (orphans apart). A new highlight goes to the
 * background (the outbox keeps it when offline, sent once through its client id).
 */
import type { ComponentChildren } from 'preact';
import { useCallback, useEffect, useRef, useState } from 'preact/hooks';
import type { Highlight, ItemReader } from '@/utils/shared/api-types';
import type { QuoteTarget } from '@/utils/shared/quote-target';
import { ask } from '@/utils/ui/ask';
import { HighlightAdder } from './HighlightAdder';
import { HighlightLayer } from './HighlightLayer';
import { HighlightList } from './HighlightList';
import { HighlightThread } from './HighlightThread';

const NONE: Highlight[] = [];

export interface ReaderHighlightsProps {
  copy: ItemReader;
  /** The copy's HTML, sanitised for display. */
  html: string;
  /** The copy's title and details, shown above its text inside the article. */
  header: ComponentChildren;
  /** Read the copy again (a highlight or reply was added, edited or deleted). */
  onChanged: () => void;
}

export function ReaderHighlights({ copy, html, header, onChanged }: ReaderHighlightsProps) {
  const [target, setTarget] = useState<QuoteTarget | null>(null);
  const [anchored, setAnchored] = useState<{ placed: Highlight[]; orphans: Highlight[] }>({ placed: [], orphans: [] });
  const [openId, setOpenId] = useState<string | null>(null);
  const [kept, setKept] = useState<string | null>(null);
  const highlights = copy.highlights ?? NONE; // an answer from a server without highlights has none
  const open = highlights.find((h) => h.id === openId) ?? null;
  const clientId = useRef<string | null>(null);
  const thread = useRef<HTMLDivElement>(null);
  useEffect(() => void (openId && thread.current?.querySelector('h2')?.focus()), [openId]);

  async function add(chosen: QuoteTarget, body: string) {
    clientId.current ??= crypto.randomUUID();
    const reply = await ask('addHighlight', { itemId: copy.id, target: chosen, body: body.trim(), clientId: clientId.current });
    if (!reply.ok && reply.error.kind !== 'queued') return reply.error;
    clientId.current = null;
    setTarget(null);
    document.getSelection()?.removeAllRanges();
    setKept(reply.ok ? null : reply.error.message);
    if (reply.ok) setOpenId(reply.value.id);
    onChanged();
    return null;
  }
  const select = useCallback((chosen: QuoteTarget) => ((clientId.current = null), setTarget(chosen)), []);
  return (
    <>
      <article class="stack" aria-label="Clipped copy" lang={copy.lang ?? undefined} dir={copy.dir ?? undefined}>
        {header}
        <HighlightLayer
          html={html}
          highlights={highlights}
          openId={openId}
          onAnchored={(placed, orphans) => setAnchored({ placed, orphans })}
          onOpen={setOpenId}
          onSelect={select}
          onShortcut={(chosen) => void add(chosen, '')}
        />
      </article>
      <HighlightAdder target={target} onAdd={(body) => add(target!, body)} onCancel={() => setTarget(null)} />
      {kept && (
        <p class="hint" role="status">
          {kept}
        </p>
      )}
      <div ref={thread}>
        {open && <HighlightThread highlight={open} groupId={copy.group_id} onClose={() => setOpenId(null)} onChanged={onChanged} />}
      </div>
      <HighlightList placed={anchored.placed} orphans={anchored.orphans} openId={openId} onOpen={setOpenId} />
    </>
  );
}
