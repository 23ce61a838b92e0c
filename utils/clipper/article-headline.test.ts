import { describe, expect, test } from 'vitest';
import { parseHTML } from 'linkedom';
import { headlineBox, titleHeading } from './article-headline';

const parse = (html: string): Document => parseHTML(html).document as unknown as Document;
const text = (words: number) => Array.from({ length: words }, (_, i) => `word${i}`).join(' ');

describe('titleHeading', () => {
  test('the heading whose letters are the title’s, whatever the quotes and the site name after it', () => {
    const doc = parse(
      '<html><head><title>“Members’ choice” – The Club</title></head><body><h1>The Club</h1><h2>"Members\' choice"</h2></body></html>',
    );
    expect(titleHeading(doc)?.localName).toBe('h2');
  });

  test('a heading that opens the title counts however long the rest; a short one inside it does not', () => {
    const opening = parse(
      '<html><head><title>Rioja, Spain - Iberian wines in Berlin - The Wine Club</title></head><body><h1>Rioja, Spain</h1></body></html>',
    );
    expect(titleHeading(opening)?.textContent).toBe('Rioja, Spain');
    const inside = parse(
      '<html><head><title>Notes on a long evening of reading | Gnaurblog</title></head><body><h1>Gnaurblog</h1></body></html>',
    );
    expect(titleHeading(inside)).toBeNull();
  });

  test('og:title is a title too; no title, no heading', () => {
    const og = parse('<html><head><meta property="og:title" content="Spring meeting"></head><body><h1>Spring meeting</h1></body></html>');
    expect(titleHeading(og)?.localName).toBe('h1');
    expect(titleHeading(parse('<html><body><h1>Spring meeting</h1></body></html>'))).toBeNull();
  });
});

describe('headlineBox', () => {
  test('the nearest box around the heading with 500 characters outside links', () => {
    const doc = parse(
      `<html><head><title>Spring meeting</title></head><body><div id="outer"><div id="inner"><header><h1>Spring meeting</h1>` +
        `<p>${text(20)}</p></header><p>${text(80)}</p></div><aside>${text(200)}</aside></div></body></html>`,
    );
    expect(headlineBox(doc)?.id).toBe('inner');
  });

  test('links do not count; the body is no box', () => {
    const links = Array.from({ length: 80 }, (_, i) => `<a href="/${i}">link number ${i}</a>`).join(' ');
    const doc = parse(`<html><head><title>Spring meeting</title></head><body><div><h1>Spring meeting</h1>${links}</div></body></html>`);
    expect(headlineBox(doc)).toBeNull();
  });
});
