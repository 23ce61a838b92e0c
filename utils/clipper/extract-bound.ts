/**
 * The most text a Readability reading of a page can hold, so readBody can skip a pass that
 * cannot change its answer (on a page with little text it would otherwise read it up to three
 * times, each trying up to four times). Readability's content is taken from the whole document
 * (it walks every node from the root element on, siblings of <html> included, not only doc.body:
 * linkedom can leave a page's text in a second <body> or after </html>), in order, with <script>, <style> and <noscript> removed (the lazy-image pass only turns a
 * noscript into an <img>, which has no text), so its text, spaces collapsed, is never longer
 * than this.
 */
const NO_READABLE_TEXT = new Set(['script', 'style', 'noscript']);

/** The text nodes Readability can keep, in document order; stops when `visit` returns true. */
function eachReadableText(doc: Document, visit: (text: string) => boolean | void): void {
  // A stack, not recursion: some pages nest deeper than the call stack allows.
  const stack: Node[] = [];
  for (let child = doc.lastChild; child; child = child.previousSibling) stack.push(child);
  while (stack.length) {
    const node = stack.pop()!;
    if (node.nodeType === 3 || node.nodeType === 4) {
      if (visit(node.nodeValue ?? '')) return;
      continue;
    }
    if (node.nodeType !== 1 || NO_READABLE_TEXT.has((node as Element).localName.toLowerCase())) continue;
    for (let child = node.lastChild; child; child = child.previousSibling) stack.push(child);
  }
}

export function readableTextBound(doc: Document): number {
  const parts: string[] = [];
  eachReadableText(doc, (text) => void parts.push(text));
  return parts.join('').replace(/\s+/g, ' ').trim().length;
}

/** readableTextBound(doc) === 0, found at the first word: every Readability reading is then null (it returns null when all attempts are empty). */
export function hasNoText(doc: Document): boolean {
  let found = false;
  eachReadableText(doc, (text) => (found = /\S/.test(text)));
  return !found;
}
