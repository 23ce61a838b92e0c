/**
 * Bylines as people's names. A byline in the page often holds the date too, set apart only by
 * a <br>, a block or a styled <span> ("By Jo March<br>December 5, 2026"), which textContent
 * (and so Readability) runs together: "By Jo MarchDecember 5, 2026". Here the byline's element
 * is read line by line, its date and count elements left out, and dates cut from what is left.
 */
import { textLines } from './page-text';

const MONTHS = [
  // English
  'january|february|march|april|may|june|july|august|september|october|november|december',
  'jan|feb|mar|apr|jun|jul|aug|sep|sept|oct|nov|dec',
  // Portuguese, Spanish
  'janeiro|fevereiro|março|abril|maio|junho|julho|agosto|setembro|outubro|novembro|dezembro',
  'enero|febrero|marzo|mayo|junio|julio|septiembre|setiembre|octubre|noviembre|diciembre',
  // French, German, Italian
  'janvier|février|mars|avril|mai|juin|juillet|août|septembre|octobre|novembre|décembre',
  'januar|februar|märz|juni|juli|oktober|dezember',
  'gennaio|febbraio|aprile|maggio|giugno|luglio|settembre|ottobre|dicembre',
  // Russian (the genitive a date uses)
  'января|февраля|марта|апреля|мая|июня|июля|августа|сентября|октября|ноября|декабря',
].join('|');

const TIME = String.raw`(?:,?\s*(?:at|às|a las|à|um|в)?\s*\d{1,2}[:.h]\d{2}(?::\d{2})?(?:\s*[ap]\.?\s?m\.?(?!\p{L}))?(?:\s*\(?(?:GMT|UTC|[ECMP][SD]T|BST|CET|CEST|MSK|KST|BRT)\)?(?!\p{L}))?)`;
const DAY = String.raw`\d{1,2}(?:st|nd|rd|th|er|º)?\.?`;
/** A year, and digits run into it by a count next to the date ("2016651": 651 comments). */
const YEAR = String.raw`\d{4}\d*`;
const DATE = [
  // December 5, 2026 · Dec. 5 2026
  String.raw`(?:${MONTHS})\.?\s*${DAY},?\s*${YEAR}`,
  // 5 December 2026 · 5 de dezembro de 2026 · 5. Dezember 2026 · 5 декабря 2026 г.
  String.raw`(?<!\d)${DAY}\s*(?:de\s+)?(?:${MONTHS})\.?,?\s*(?:de\s+)?${YEAR}(?:\s*г\.)?`,
  // 2026-12-05 · 2026.12.05. · 2026/12/05
  String.raw`(?<!\d)\d{4}[-./]\d{1,2}[-./]\d{1,2}\.?`,
  // 05.12.2026 · 12/5/26
  String.raw`(?<!\d)\d{1,2}[-./]\d{1,2}[-./]\d{2,4}(?!\d)`,
  // 2026년 12월 5일 · 2026年12月5日
  String.raw`\d{4}\s*[년年]\s*\d{1,2}\s*[월月]\s*\d{1,2}\s*[일日]`,
].join('|');
/** Words that introduce a date in a byline: "Updated", "Published on", "Atualizado em"… */
const LABEL = String.raw`(?:(?:last\s+)?updated|published|posted|modified|atualizado|publicado|actualizado|mis à jour|publié|aktualisiert|veröffentlicht|обновлено|опубликовано)(?:\s+(?:on|em|el|le|am))?\s*:?`;
const DATED = new RegExp(String.raw`(?:${LABEL}\s*)?(?:${DATE})${TIME}?`, 'giu');
/** Words left around a date once it is cut: its label, "on", "at"… */
const DATE_WORDS = new RegExp(String.raw`(?<!\p{L})(?:${LABEL}|on|em|el|le|am|at|às)(?!\p{L})`, 'giu');
const isLeftover = (piece: string) => !/\p{L}/u.test(piece.replace(DATE_WORDS, ''));

/** `line` without the dates in it (and a trailing time or count); each piece that remains, trimmed. */
function undated(line: string): string[] {
  return line
    .replace(DATED, '\n')
    .split('\n')
    .map((piece) => piece.replace(/^[\s,;|·•–—-]+|[\s,;|·•–—-]+$/g, '').trim())
    .filter((piece) => piece && !isLeftover(piece));
}

/** Classes of elements inside a byline that hold a date or a comment count, not a name. */
const NOT_A_NAME = /date|time|posted|published|updated|count|comment|share/i;
const skipInByline = (el: Element) =>
  el.localName.toLowerCase() === 'time' || NOT_A_NAME.test(`${el.getAttribute('class') ?? ''} ${el.getAttribute('id') ?? ''}`);

/**
 * The lines of a byline element: its text line by line (<br> and block edges end a line),
 * without <time> elements and elements whose class says date or count, dates cut.
 */
export function bylineLines(el: Element): string[] {
  return joinBy(textLines(el, (child) => child !== el && skipInByline(child)).flatMap(undated));
}

/** "By" (or "Por", "Par", "Von"…) alone on its line belongs to the name on the next. */
const BY = /^(?:by|por|par|von|di|da|door|av|автор|글)$/i;
function joinBy(lines: string[]): string[] {
  return lines.flatMap((line, i) =>
    BY.test(line) && i + 1 < lines.length ? [] : i > 0 && BY.test(lines[i - 1]!) ? [`${lines[i - 1]} ${line}`] : [line],
  );
}

/** A byline written as text, without its dates: "By Jo MarchDecember 5, 2026" → "By Jo March"; null when only a date is left. */
export function undatedByline(text: string | null | undefined): string | null {
  const lines = joinBy((text ?? '').split('\n').flatMap((line) => undated(line.replace(/\s+/g, ' '))));
  return lines.length ? lines.join(', ') : null;
}

/** What Readability takes for a byline in the text: rel=author, itemprop=author, a class or id like these. */
const BYLINE_CLASS = /byline|author|dateline|writtenby|p-author/i;
const MAX_BYLINE_ELEMENTS = 200;

/**
 * The byline `text` (Readability's, which is an element's textContent) read again from the
 * element in `doc` it came from, line by line without dates; without such an element, `text`
 * with its dates cut. Null when nothing but a date is left.
 */
export function cleanByline(text: string | null | undefined, doc: Document): string | null {
  const wanted = (text ?? '').trim();
  if (!wanted) return null;
  let seen = 0;
  for (const el of Array.from(doc.querySelectorAll('[class], [id], [rel], [itemprop]'))) {
    const rel = el.getAttribute('rel') ?? '';
    const itemprop = el.getAttribute('itemprop') ?? '';
    const byline =
      rel === 'author' ||
      itemprop.includes('author') ||
      BYLINE_CLASS.test(`${el.getAttribute('class') ?? ''} ${el.getAttribute('id') ?? ''}`);
    if (!byline && !itemprop.includes('name')) continue;
    if (++seen > MAX_BYLINE_ELEMENTS) break;
    if ((el.textContent ?? '').trim() !== wanted) continue;
    const lines = bylineLines(el);
    return lines.length ? lines.join(', ') : null;
  }
  return undatedByline(wanted);
}
