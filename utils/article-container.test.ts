import { describe, expect, test } from 'vitest';
import { parseHTML } from 'linkedom';
import { coverage, isolate, markedArticleBody } from './article-container';

const page = (body: string) => parseHTML(`<!DOCTYPE html><html><body>${body}</body></html>`).document as unknown as Document;
const para = (i: number) => `<p>Paragraph ${i} of the letter, long enough to count as part of the article body here.</p>`;
const paras = (n: number) => Array.from({ length: n }, (_, i) => para(i)).join('');

describe('markedArticleBody', () => {
  test('finds the element a CMS names as the article body', () => {
    const doc = page(`<div class="sidebar">${paras(1)}</div><div class="post entry-content">${paras(5)}</div>`);
    expect(markedArticleBody(doc)?.getAttribute('class')).toBe('post entry-content');
  });

  test('itemprop="articleBody" wins over class names; camelCase and underscores count', () => {
    expect(markedArticleBody(page(`<div class="article_body">${paras(6)}</div><div itemprop="articleBody">${paras(5)}</div>`))?.hasAttribute('itemprop')).toBe(true);
    expect(markedArticleBody(page(`<div class="storyBody">${paras(5)}</div>`))?.getAttribute('class')).toBe('storyBody');
  });

  test('a marked body with little text (a teaser card) is not the article', () => {
    expect(markedArticleBody(page(`<div class="entry-content">${para(1)}</div>`))).toBeNull();
  });

  test('names that only contain a body name are not it ("entry-content-wrapper-sidebar")', () => {
    expect(markedArticleBody(page(`<div class="entry-content-sidebar">${paras(6)}</div>`))).toBeNull();
  });
});

describe('coverage and isolate', () => {
  test('coverage is the share of the body’s paragraph text found in the extracted text', () => {
    const doc = page(`<div class="entry-content">${paras(4)}</div>`);
    const body = markedArticleBody(doc)!;
    const text = [0, 1].map((i) => para(i).replace(/<\/?p>/g, '')).join(' ');
    expect(coverage(body, text)).toBeCloseTo(0.5, 1);
    expect(coverage(body, '')).toBe(0);
  });

  test('regression: isolate copies the marked body out of a copy, leaving the page untouched', () => {
    const doc = page(`<main><div class="x">nav</div><div class="entry-content">${paras(5)}</div></main>`);
    const before = doc.body.innerHTML;
    const holder = isolate(doc, markedArticleBody(doc)!);
    expect(holder.querySelectorAll('p')).toHaveLength(5);
    expect(holder.textContent).not.toContain('nav');
    expect(doc.body.innerHTML).toBe(before);
  });
});

