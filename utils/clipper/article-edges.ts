/**
 * Short lines around the article's prose that Readability keeps with it: "follow us" and
 * "subscribe" appeals, copyright notices, photo credits, dates, "most read" headings and
 * their link lists. No class name gives them away, so they are found by shape and wording:
 * only SHORT blocks go, and the broad tests (links, dates, headings) only before the first
 * or after the last long paragraph, so the article's own paragraphs never do.
 */
import { ALL_RULES, fired, on, type Rule, type Rules } from './rules';
import { squash } from './page-text';

/** Blocks the content is read in; a block holding another counts only through that one. */
const BLOCKS =
  'p, h1, h2, h3, h4, h5, h6, li, dt, dd, figcaption, caption, address, blockquote, pre, div, section, aside, footer, header, table';
const HEADINGS = new Set(['h1', 'h2', 'h3', 'h4', 'h5', 'h6']);
/** A block this long, mostly not links, is a paragraph of the article. */
const LONG = 150;
/** Blocks shorter than this may be furniture; longer ones always stay. */
const SHORT = 150;
const LINK_DENSE = 0.5;

/**
 * Wording of furniture lines in the corpus's main languages (de, en, es, fr, pl, it, pt, nl),
 * one rule per kind. Matched anywhere in a short block: appeals to subscribe, follow, share or
 * donate, copyright notices, advertisement labels.
 */
const APPEALS: [Rule, RegExp][] = [
  [
    'appeal-copyright',
    /©|\bcopyright|all rights reserved|alle rechte vorbehalten|tous droits réservés|todos los derechos reservados|tutti i diritti riservati|wszelkie prawa zastrzeżone|todos os direitos reservados/i,
  ],
  [
    'appeal-subscribe',
    // "abonniere", "abonnieren": the appeal, not "wenn du … abonnierst" in a sentence
    /\bsubscribe\b|\bsubscribers?\b|newsletter|\babo\b|\babonnier(?:e|en|t)\b|\babonnez|\bsuscr[ií]b|suscripci[oó]n|\bzapisz si[ęe]|subskrybuj|\biscriviti|\bassine\b|\bjetzt (?:anmelden|registrieren)/i,
  ],
  [
    'appeal-follow',
    /\bfollow (?:us|the)\b|\bfolg(?:en sie|e|t) uns|\bs[ií]g(?:ue|a)nos|\bsuivez[- ]nous|\bobserwuj nas|\bseguici|\bshare (?:this|on)\b|\bartikel (?:teilen|gefallen)|\bbeitrag teilen|\bcompart(?:e|ir) (?:esta|este)|\bpartager (?:cet|sur)|\bdownload (?:the|our) app|\bdownload the [\w ]+ apps?\b|letters? to the editor|\bapp herunterladen/i,
  ],
  ['appeal-comments', /\bkommentare (?:schreiben|geschlossen|insgesamt)|\bkeine kommentare|in den kommentaren/i],
  [
    'appeal-donate',
    /\bdonate\b|\bspenden sie\b|\bunterstützen sie (?:uns|unsere)|\bsupport (?:our|us)\b|\bhazte (?:miembro|socio)|\bwesprzyj|\b(?:ihre?|deine?) (?:spende|unterstützung|beitrag) hilft|\byour (?:support|donation|contribution) helps|\bsu (?:apoyo|aporte|donación) (?:nos )?ayuda/i,
  ],
  [
    'appeal-more-headings',
    /^(?:das könnte (?:sie|dich) (?:auch )?interessieren|auch interessant|you might also like|most popular|meistgelesene?|empfohlene (?:beiträge|artikel)|weiterführende links|popular videos|unsere empfehlungen|editor.?s picks|neueste artikel|más leídas|lo más visto|les plus lus|najczęściej czytane)\b/i,
  ],
  ['appeal-ad-labels', /^\*?(?:anzeige|werbung|advertisement|sponsored|reklama|publicidad|publicité|pubblicità)\b/i],
  [
    'appeal-read-also',
    // unambiguous lead-ins at the start; words that also open prose only standing alone
    /^(?:lesen sie (?:auch|hier|mehr)|mehr zum thema|zum weiterlesen|à lire aussi|lire aussi|lee también|te puede interesar|czytaj (?:też|także|więcej)|zobacz (?:też|także)|leggi anche)\b|^(?:weitere (?:artikel|informationen)|read (?:more|also|next)|related|see also|puedes ver)\s*(?:[:?!…]|$)/i,
  ],
];

/** A date or time line: what is left after removing date and time parts is a few words at most. */
const DATE_PARTS =
  /\b\d{4}-\d{2}-\d{2}\b|\b\d{1,2}[./-]\d{1,2}(?:[./-]\d{2,4})?\b|\b\d{1,2}:\d{2}(?::\d{2})?\s*(?:am|pm|uhr|h)?\b|\b\d{1,2}\.?\s+(?:jan|feb|mär|mar|apr|mai|may|jun|jul|aug|sep|okt|oct|nov|dez|dec)[a-zäéû]*\.?(?:\s+\d{4})?|\b(?:jan|feb|mär|mar|apr|mai|may|jun|jul|aug|sep|okt|oct|nov|dez|dec)[a-zäéû]*\.?\s+\d{1,2}(?:st|nd|rd|th)?,?(?:\s+\d{4})?|\b(?:19|20)\d{2}\b/gi;
const DATE_WORDS =
  /\b(?:am|um|on|at|le|el|de|del|the|published|veröffentlicht|aktualisiert|updated|last modified|release date|datum|date|fecha|publié|opublikowano|stand|posted|geschrieben|erstellt|uhr|mez|cet|utc|montag|dienstag|mittwoch|donnerstag|freitag|samstag|sonntag|monday|tuesday|wednesday|thursday|friday|saturday|sunday)\b|[|·•,:–—-]/gi;

export function isDateLine(text: string): boolean {
  if (!text || text.length > 80) return false;
  const stripped = text.replace(DATE_PARTS, ' ');
  if (stripped.length === text.length) return false;
  return squash(stripped.replace(DATE_WORDS, ' ')).length <= 3;
}

export function isAppeal(text: string, rules: Rules = ALL_RULES): boolean {
  return text.length > 0 && text.length < SHORT && APPEALS.some(([rule, re]) => on(rules, rule) && re.test(text) && fired(rules, rule));
}

/** Link text that is itself an address ("http://www.openpetition.de/…") is the article citing a source, not navigation. */
const SHOWN_URL = /^(?:https?:\/\/|www\.)\S+$/i;

function linkShare(el: Element, length: number): number {
  if (!length) return 0;
  return (
    Array.from(el.querySelectorAll('a')).reduce((sum, a) => {
      const text = squash(a.textContent);
      return SHOWN_URL.test(text) ? sum : sum + text.length;
    }, 0) / length
  );
}

interface Block {
  el: Element;
  text: string;
  links: number;
}

/** The innermost blocks of `root`, in document order, with text. */
function blocksOf(root: Element): Block[] {
  const blocks: Block[] = [];
  for (const el of Array.from(root.querySelectorAll(BLOCKS))) {
    if (el.querySelector(BLOCKS)) continue;
    const text = squash(el.textContent);
    if (text) blocks.push({ el, text, links: linkShare(el, text.length) });
  }
  return blocks;
}

const isLong = (b: Block): boolean => b.text.length >= LONG && b.links < LINK_DENSE && !HEADINGS.has(b.el.localName);

/** A heading that is a sentence (a pull quote: "It supports his version.") names no list that follows. */
const SENTENCE = /\S\s+\S+\s+\S.*[^.]\.$/;

/** A heading this short after the last long paragraph names what follows the article ("Most read", "Auch interessant"). */
const TAIL_HEADING = 80;

/**
 * Whether a short block outside the prose (before the first / after the last long paragraph)
 * is furniture. A heading after the article goes when links, another heading or nothing
 * follow it ("Most popular" and its list); one over a short text section ("Anreise") stays.
 */
function edgeFurniture(b: Block, after: boolean, next: Block | undefined, rules: Rules): boolean {
  const heading = HEADINGS.has(b.el.localName);
  if (on(rules, 'edge-dates') && isDateLine(b.text)) return fired(rules, 'edge-dates');
  // A linked heading before the prose is the article's own title (a permalink), not a menu.
  if (b.links >= LINK_DENSE) return on(rules, 'edge-links') && (after || !heading) && fired(rules, 'edge-links');
  if (!on(rules, 'edge-tail-heading') || !after || !heading || b.text.length >= TAIL_HEADING || SENTENCE.test(b.text)) return false;
  return (!next || next.links >= LINK_DENSE || HEADINGS.has(next.el.localName)) && fired(rules, 'edge-tail-heading');
}

/** Words of a photo credit ("Foto: dpa", "Bild: Shutterstock", "(crédito: …)", "Quelle: …/Fotolia.com"). */
const CREDIT =
  /\b(?:foto|fotos|photo|photograph|bild|image|imagen|quelle|source|cr[ée]dits?|credit|fot|źródło|getty|shutterstock|istock|fotolia|dpa|afp|reuters|unsplash|pixabay|adobe ?stock|picture-alliance)\b|©|\w\/\w/i;
/** Words that make a short line outside the prose a photo credit, caption element or not ("Foto: Andina", "Bild: AFP/SID"). */
const PHOTO_CREDIT =
  /\b(?:foto|fotos|photo|bild|cr[ée]ditos?|credit|getty|shutterstock|istock|fotolia|afp|reuters|unsplash|pixabay|adobe ?stock|picture-alliance)\b/i;
/** A caption holding a photo credit; captions that only describe the picture stay. */
const isCreditCaption = (b: Block): boolean => b.el.localName === 'figcaption' && CREDIT.test(b.text);

/**
 * Whether a rule line or heading stands between `from` and `to` inside `container`: `to` is in another section.
 * Document order counted here: linkedom's compareDocumentPosition compares depths, not positions.
 */
function separated(container: Element, from: Element, to: Element): boolean {
  const all = Array.from(container.querySelectorAll('*'));
  return all.slice(all.indexOf(from) + 1, all.indexOf(to)).some((s) => /^(?:hr|h[1-6])$/.test(s.localName) && !s.contains(to));
}

/**
 * Whether link list item `blocks[i]` (after the prose) is the article's own list ("Empfehlungen
 * von Dennis:" and its products): in the last long paragraph's container, no rule line or
 * heading since that paragraph, and text the article keeps after it there. The site's lists
 * come after a separator or end the container.
 */
function listInProse(blocks: Block[], i: number, last: number, drop: boolean[]): boolean {
  const b = blocks[i]!;
  const container = blocks[last]!.el.parentElement;
  if (b.el.localName !== 'li' || !container?.contains(b.el) || separated(container, blocks[last]!.el, b.el)) return false;
  for (const n of blocks.slice(i + 1)) {
    if (!container.contains(n.el) || HEADINGS.has(n.el.localName)) return false;
    if (!drop[blocks.indexOf(n)] && n.links < LINK_DENSE) return true;
  }
  return false;
}

/** Fewest short sibling lines that make a run of rows (a timeline, a list of works or dates). */
const MIN_ROWS = 4;

/**
 * Whether a link-heavy line is one row of a run of short sibling lines of its kind, most of
 * them text, with a text row after it ("2008-2012 / 100 Folgen von <link>" in a timeline).
 */
function rowAmongRows(b: Block): boolean {
  const same = (el: Element | null): el is Element => !!el && el.localName === b.el.localName && squash(el.textContent).length < SHORT;
  const rows: Element[] = [b.el];
  for (let el = b.el.previousElementSibling; same(el); el = el.previousElementSibling) rows.unshift(el);
  for (let el = b.el.nextElementSibling; same(el); el = el.nextElementSibling) rows.push(el);
  const texts = rows.filter((r) => squash(r.textContent));
  if (texts.length < MIN_ROWS) return false;
  const dense = texts.map((r) => linkShare(r, squash(r.textContent).length) >= LINK_DENSE);
  if (dense.filter(Boolean).length * 2 >= texts.length) return false;
  return dense.slice(texts.indexOf(b.el) + 1).some((d) => !d);
}

/** Removes furniture lines from extracted content `root`; returns how many went. */
export function trimEdges(root: Element, rules: Rules = ALL_RULES): number {
  const blocks = blocksOf(root);
  const first = blocks.findIndex(isLong);
  if (first < 0) return 0;
  let last = blocks.length - 1;
  while (!isLong(blocks[last]!)) last--;
  const drop = blocks.map((b, i) => {
    if (b.text.length >= SHORT) return false;
    const outside = i < first || i > last;
    const credit = on(rules, 'photo-credits') && (isCreditCaption(b) || (outside && PHOTO_CREDIT.test(b.text)));
    return (
      isAppeal(b.text, rules) || (outside && edgeFurniture(b, i > last, blocks[i + 1], rules)) || (credit && fired(rules, 'photo-credits'))
    );
  });
  // Link lines after the prose that belong to the article all the same (decided on the first
  // pass's verdicts, so one kept line does not keep the next).
  const keep = blocks.map(
    (b, i) =>
      drop[i] &&
      i > last &&
      b.links >= LINK_DENSE &&
      on(rules, 'keep-article-lists') &&
      !isAppeal(b.text, rules) &&
      !isDateLine(b.text) &&
      (listInProse(blocks, i, last, drop) || rowAmongRows(b)) &&
      fired(rules, 'keep-article-lists'),
  );
  let removed = 0;
  blocks.forEach((b, i) => {
    if (!drop[i] || keep[i]) return;
    b.el.parentNode?.removeChild(b.el);
    removed++;
  });
  return removed;
}
