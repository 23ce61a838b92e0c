import { describe, expect, test } from 'vitest';
import { parseHTML } from 'linkedom';
import { standfirst } from './article-lede';

const page = (body: string) => parseHTML(`<!DOCTYPE html><html><body>${body}</body></html>`).document as unknown as Document;
const LEDE = 'The council voted on Tuesday to keep the branch library open for another five years.';

describe('standfirst', () => {
  test('the lede under the headline, named as one, when the content lacks it', () => {
    const doc = page(
      `<article><header><h1>Library stays</h1><h2 class="article-lead">${LEDE}</h2></header><div class="body"><p>Body.</p></div></article>`,
    );
    expect(standfirst(doc, 'Body.')).toBe(LEDE);
  });

  test('nothing when the content already has it, or when nothing is named as a lede', () => {
    const doc = page(`<article><h1>T</h1><p class="chapo">${LEDE}</p></article>`);
    expect(standfirst(doc, `Intro: ${LEDE} and more`)).toBeNull();
    expect(standfirst(page(`<article><h1>T</h1><p>${LEDE}</p></article>`), '')).toBeNull();
  });

  test('regression: an author bio or teaser named "description"/"summary" is not a lede, nor a lede inside an author box', () => {
    expect(
      standfirst(
        page(`<article><h1>T</h1><div class="author-description">${LEDE}</div><p class="entry-summary">${LEDE}</p></article>`),
        '',
      ),
    ).toBeNull();
    expect(standfirst(page(`<article><h1>T</h1><div class="author-box"><p class="lead">${LEDE}</p></div></article>`), '')).toBeNull();
  });

  test('a lede before the headline, or far from it, is not taken', () => {
    expect(standfirst(page(`<p class="lead">${LEDE}</p><article><h1>T</h1></article>`), '')).toBeNull();
    // regression (herald-sun-1 golden page): another story's standfirst in a sidebar three levels up.
    const far = `<div><div><div class="story-headline"><h1>T</h1></div></div><aside><div><p class="standfirst">${LEDE}</p></div></aside></div>`;
    expect(standfirst(page(far), '')).toBeNull();
  });

  test('regression: a standfirst after the headline but shallower than it is found (document order, not depth)', () => {
    // The headline sits a box deeper than the lede: a depth comparison (linkedom's
    // compareDocumentPosition) took the lede for one before the headline.
    const doc = page(`<header class="top"><div><h1>Library stays</h1></div><p class="lead">${LEDE}</p></header><p>Body.</p>`);
    expect(standfirst(doc, 'Body.')).toBe(LEDE);
    // And a lede deeper than the headline but before it is still not taken.
    expect(standfirst(page(`<header><div><p class="lead">${LEDE}</p></div><h1>T</h1></header>`), '')).toBeNull();
  });

  test('regression: the description in an <h3> under the headline is the standfirst', () => {
    expect(standfirst(page(`<div><h1>T</h1><h3>${LEDE}</h3></div><p>Body.</p>`), 'Body.', undefined, LEDE)).toBe(LEDE);
  });
});
