import { describe, expect, test } from 'vitest';
import { parseHTML } from 'linkedom';
import { cleanByline, undatedByline } from './byline';
import { readPageMetadata } from './page-metadata';
import { extractArticle } from './extract';
import { ENGLISH, prose } from '../../tests/support/extract-pages';

const parse = (body: string, head = '') =>
  parseHTML(`<!DOCTYPE html><html><head>${head}</head><body>${body}</body></html>`).document as unknown as Document;

describe('bylines keep names apart from dates (a <br> between them ran them together)', () => {
  test('the clip’s byline: "By <Name><br><Month> <day>, <year>" is the name', () => {
    const doc = parse(
      `<article><h1>A headline for this</h1><p class="byline">By Jo March<br>December 5, 2026</p>${prose(ENGLISH)}</article>`,
    );
    const result = extractArticle(doc, 'https://news.example/a');
    expect(result.ok && result.clip.byline).toBe('By Jo March');
    expect(result.ok && result.clip.authors).toEqual(['Jo March']);
  });

  test('a byline element read line by line, without <time> and date or count elements', () => {
    const doc = parse(
      '<p class="byline"><span>by</span> <a>Lucas Nolan</a><span class="bydate">22 Dec 2016</span><a class="bycount">651</a></p>' +
        '<div class="author">Ann Lee<br>Staff writer<time datetime="2026-12-05">Dec 5</time></div>',
    );
    expect(cleanByline('by Lucas Nolan22 Dec 2016651', doc)).toBe('by Lucas Nolan');
    expect(cleanByline('Ann LeeStaff writerDec 5', doc)).toBe('Ann Lee, Staff writer');
  });

  test('a byline that is only dates is none', () => {
    const doc = parse(
      `<article><h1>A headline for this</h1><p class="byline">April 28, 2019 at 6:01 am<br>Updated April 29, 2019 at 3:33 pm</p>${prose(ENGLISH)}</article>`,
    );
    const result = extractArticle(doc, 'https://news.example/a');
    expect(result.ok && result.clip.byline).toBeNull();
  });

  test('authors marked up in the page (rel=author) without the date on the next line', () => {
    expect(readPageMetadata(parse('<a rel="author" href="/u/jo">Jo March<br>5 May 2024</a>'), 'https://x.example/a').authors).toEqual([
      'Jo March',
    ]);
  });

  test.each([
    ['By Jane DoeDecember 5, 2026', 'By Jane Doe'],
    ['By GILLIAN MOHNEY\n March 11, 2015 3:46 PM', 'By GILLIAN MOHNEY'],
    ['Por Maria Silva5 de dezembro de 2026', 'Por Maria Silva'],
    ['Иван Петров5 декабря 2026 г.', 'Иван Петров'],
    ['김철수 기자2026.12.05 10:00', '김철수 기자'],
    ['Jo March, 12/05/2026 Updated 13/05/2026', 'Jo March'],
    ['Last Updated: January 7, 2025', null],
    ['By May Smith', 'By May Smith'],
    ['Jean-Paul Sartre', 'Jean-Paul Sartre'],
  ])('undatedByline(%j) → %j', (text, expected) => {
    expect(undatedByline(text)).toBe(expected);
  });
});
