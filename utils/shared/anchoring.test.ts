// @vitest-environment jsdom
import { readFileSync } from 'node:fs';
import { describe as suite, expect, test } from 'vitest';
import { sanitizeForDisplay } from '@/utils/ui/sanitize';
import { anchor, anchorAll, describe } from './anchoring';

/** The text of a page as the reader shows it: the textContent of its article root. */
function textOf(html: string): string {
  const root = document.createElement('div');
  root.innerHTML = html;
  return root.textContent ?? '';
}
const page = (name: string) => readFileSync(`tests/fixtures/readability-test-pages/${name}/expected.html`, 'utf8');
const squash = (s: string) => s.replace(/\s+/g, ' ').trim();

/** The passage of `text` that starts with `from` and ends with `to` (the first such), described. */
function passage(text: string, from: string, to: string, after = 0) {
  const start = text.indexOf(from, after);
  const end = text.indexOf(to, start) + to.length;
  expect(start).toBeGreaterThanOrEqual(0);
  return describe(text, start, end);
}

const ACLU = page('aclu');
const aclu = textOf(ACLU);
const quote = passage(aclu, 'Nearly every website that you visit', 'your browsing habits.');

suite('anchor on Readability test pages', () => {
  test('describes a passage with 32 characters of context either side', () => {
    expect(quote.exact).toMatch(/^Nearly every website .* browsing habits\.$/);
    expect(quote.prefix).toHaveLength(32);
    expect(quote.suffix).toHaveLength(32);
    expect(aclu.slice(quote.start!, quote.end!)).toBe(quote.exact);
    expect(anchor(aclu, quote)).toEqual({ start: quote.start, end: quote.end });
  });

  test('is found again after the copy is sanitised again and its whitespace and markup change', () => {
    const across = passage(aclu, 'on the open web.', 'But Facebook');
    const relaid = ACLU.replace(/>\s+</g, `>\n${' '.repeat(60)}<`).replace(/<\/?div[^>]*>/g, '<section>');
    const text = textOf(sanitizeForDisplay(relaid, document));
    for (const target of [quote, across]) {
      expect(text.slice(target.start!, target.end!)).not.toBe(target.exact);
      const span = anchor(text, target)!;
      expect(squash(text.slice(span.start, span.end))).toBe(squash(target.exact));
    }
  });

  test('drift: text inserted before it moves it, and it is still found', () => {
    const text = 'A paragraph added at the top of the copy. '.repeat(30) + aclu;
    const span = anchor(text, quote)!;
    expect(text.slice(span.start, span.end)).toBe(quote.exact);
    expect(span.start).toBe(quote.start! + 42 * 30);
  });

  test('the same quote twice is told apart by its prefix and suffix, with or without a position', () => {
    const like = 'the "Like" button';
    const first = aclu.indexOf(like);
    const second = aclu.indexOf(like, first + 1);
    expect(second).toBeGreaterThan(first);
    const target = describe(aclu, second, second + like.length);
    const moved = 'Inserted. '.repeat(5) + aclu;
    expect(anchor(moved, target)!.start).toBe(second + 50);
    expect(anchor(moved, { ...target, start: null, end: null })!.start).toBe(second + 50);
    const firstTarget = describe(aclu, first, first + like.length);
    expect(anchor(moved, { ...firstTarget, start: null, end: null })!.start).toBe(first + 50);
  });

  test('a passage reworded a little is found fuzzily where it was', () => {
    const v8 = textOf(page('v8-blog'));
    const target = passage(v8, 'Aside from the Web and the server', 'an image editor might');
    const changed = v8.replace('an exciting area for Wasm is plugins', 'a most exciting area for WebAssembly: plugins');
    expect(changed.includes(target.exact)).toBe(false);
    const span = anchor(changed, { ...target, start: null, end: null })!;
    expect(span).not.toBeNull();
    expect(changed.slice(span.start, span.end)).toMatch(/^Aside from the Web.*an image editor might$/s);
  });

  test('a passage removed from the copy is an orphan, listed apart', () => {
    const paragraph = passage(aclu, 'Nearly every website', '. That ');
    const removed = aclu.slice(0, paragraph.start!) + aclu.slice(paragraph.end!);
    expect(anchor(removed, quote)).toBeNull();
    const { placed, orphans } = anchorAll(removed, [quote, passage(aclu, "I don't use Facebook.", 'geek.')]);
    expect(orphans).toEqual([quote]);
    expect(placed.map((p) => removed.slice(p.span.start, p.span.end))).toEqual([
      "I don't use Facebook. I'm not technophobic — I'm a geek.",
    ]);
  });

  test('a short quote from elsewhere on the page is an orphan, not a word a few edits away; with agreeing context it is found', () => {
    for (const exact of ['Subscribe', 'Get the next essay', 'Written by people who read too much']) {
      expect(anchor(aclu, { exact, prefix: 'Essays Reviews About ', suffix: ' Privacy Contact', start: null, end: null })).toBeNull();
    }
    const at = aclu.indexOf('open Web');
    const typo = { ...describe(aclu, at, at + 8), exact: 'opan Wob', start: null, end: null };
    expect(anchor(aclu, typo)).toEqual({ start: at, end: at + 8 });
  });

  test('a quote from the live page (no position) is found in the stored copy; nothing to quote is nowhere', () => {
    const lemonde = textOf(page('lemonde-1'));
    const live = {
      exact: 'Elle délivrera son avis, sauf cas d’urgence',
      prefix: 'interceptions de sécurité (CNCIS).\n',
      suffix: ', avant toute',
      start: null,
      end: null,
    };
    const span = anchor(lemonde, live)!;
    expect(lemonde.slice(span.start, span.end)).toBe(live.exact);
    expect(anchor(lemonde, { ...live, exact: '  ' })).toBeNull();
  });
});
