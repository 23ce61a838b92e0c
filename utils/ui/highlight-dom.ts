/**
 * The DOM side of highlights in the reader: offsets into the article root's text (its
 * textContent, what utils/shared/anchoring.ts works on) turned into <mark> wrappers, and the
 * member's Selection turned into a quote target. Only text nodes count, as in textContent.
 */
import { describeQuote, type QuoteTarget } from '@/utils/shared/quote-target';

const SHOW_TEXT = 4;

function textNodes(root: Node): Text[] {
  const walker = root.ownerDocument!.createTreeWalker(root, SHOW_TEXT);
  const nodes: Text[] = [];
  for (let node = walker.nextNode(); node; node = walker.nextNode()) nodes.push(node as Text);
  return nodes;
}

/** The offset in `root`'s text of the boundary point (node, offset). */
export function textOffset(root: Node, node: Node, offset: number): number {
  const range = root.ownerDocument!.createRange();
  range.selectNodeContents(root);
  range.setEnd(node, offset);
  let length = 0;
  for (const text of textNodes(root)) {
    if (!range.intersectsNode(text)) break;
    length += text === range.endContainer ? range.endOffset : text.data.length;
  }
  return length;
}

/** The selected passage of `root` described as a quote target, or null when nothing in it is selected. */
export function targetFromSelection(root: Node, selection: Selection | null): QuoteTarget | null {
  if (!selection || selection.rangeCount === 0 || selection.isCollapsed) return null;
  const range = selection.getRangeAt(0);
  const inside = (node: Node) => root === node || root.contains(node);
  if (!inside(range.startContainer) && !inside(range.endContainer)) return null;
  const text = root.textContent ?? '';
  const start = inside(range.startContainer) ? textOffset(root, range.startContainer, range.startOffset) : 0;
  const end = inside(range.endContainer) ? textOffset(root, range.endContainer, range.endOffset) : text.length;
  const target = describeQuote(text, start, end);
  return target.exact.trim() ? target : null;
}

/**
 * Wraps root's text [start, end) in elements `make` returns, one per text node it crosses
 * (whitespace-only nodes between blocks are left alone); answers the wrappers in order.
 */
export function wrapSpan(root: Node, start: number, end: number, make: () => HTMLElement): HTMLElement[] {
  const wrappers: HTMLElement[] = [];
  let at = 0;
  for (let node of textNodes(root)) {
    const from = at;
    at += node.data.length;
    if (at <= start || from >= end) continue;
    if (start > from) node = node.splitText(start - from);
    const pieceEnd = Math.min(end, at) - Math.max(start, from);
    if (pieceEnd < node.data.length) node.splitText(pieceEnd);
    if (node.data.trim() === '') continue;
    const wrapper = make();
    node.parentNode!.replaceChild(wrapper, node);
    wrapper.appendChild(node);
    wrappers.push(wrapper);
  }
  return wrappers;
}

/** Takes every wrapper matching `selector` out again, leaving their text where it was. */
export function unwrapAll(root: Element, selector: string): void {
  for (const wrapper of Array.from(root.querySelectorAll(selector))) {
    const parent = wrapper.parentNode!;
    while (wrapper.firstChild) parent.insertBefore(wrapper.firstChild, wrapper);
    parent.removeChild(wrapper);
  }
  root.normalize();
}

/**
 * Marks root's text span as highlight `id`: <mark class="highlight" data-highlight-id>, the
 * first of them a tab stop (role button) named `label` and the text it covers.
 */
export function markPassage(root: Node, span: { start: number; end: number }, id: string, label: string): HTMLElement[] {
  const marks = wrapSpan(root, span.start, span.end, () => {
    const mark = root.ownerDocument!.createElement('mark');
    mark.className = 'highlight';
    mark.dataset.highlightId = id;
    mark.title = label;
    return mark;
  });
  const first = marks[0];
  first?.setAttribute('tabindex', '0');
  first?.setAttribute('role', 'button');
  first?.setAttribute('aria-label', `${label}: ${first.textContent}`);
  return marks;
}

/** The highlight id of the mark an event happened in, if any. */
export function markIdAt(target: EventTarget | null): string | null {
  const mark = (target as Element | null)?.closest?.('mark[data-highlight-id]') as HTMLElement | null;
  return mark?.dataset.highlightId ?? null;
}
