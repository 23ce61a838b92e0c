import { describe, expect, test } from 'vitest';
import { parseHTML } from 'linkedom';
import { coverage, isolate, markedArticleBody, soleArticle, statedArticles } from './article-container';

const page = (body: string) => parseHTML(`<!DOCTYPE html><html><body>${body}</body></html>`).document as unknown as Document;
const para = (i: number) => `<p>Paragraph ${i} of the letter, long enough to count as part of the article body here.</p>`;
const paras = (n: number) => Array.from({ length: n }, (_, i) => para(i)).join('');

describe('markedArticleBody', () => {
  test('finds the element a CMS names as the article body', () => {
    const doc = page(`<div class="sidebar">${paras(1)}</div><div class="post entry-content">${paras(5)}</div>`);
    expect(markedArticleBody(doc)?.getAttribute('class')).toBe('post entry-content');
  });

  test('regression: the quick name check before splitting passes every body name, in any case and form', () => {
    for (const name of ['postEntry', 'ARTICLE-MAIN', 'field_body', 'singleContent', 'news-text', 'article--body', 'content-article']) {
      expect(markedArticleBody(page(`<div class="${name}">${paras(5)}</div>`))?.getAttribute('class'), name).toBe(name);
    }
  });

  test('itemprop="articleBody" wins over class names; camelCase and underscores count', () => {
    expect(
      markedArticleBody(page(`<div class="article_body">${paras(6)}</div><div itemprop="articleBody">${paras(5)}</div>`))?.hasAttribute(
        'itemprop',
      ),
    ).toBe(true);
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

describe('soleArticle and statedArticles (the second opinion when no body is marked)', () => {
  test('the only <article> with prose is the stated article; with two it is a teaser list and there is none', () => {
    const one = page(
      `<div class="newsletter"><p>Sign up, long enough to be a paragraph of the form text here.</p></div><article>${paras(5)}</article>`,
    );
    expect(soleArticle(one)?.localName).toBe('article');
    expect(soleArticle(page(`<article>${paras(5)}</article><article>${paras(5)}</article>`))).toBeNull();
  });

  test('an outer <article> holding another counts only through the inner one; a short one does not count', () => {
    const doc = page(`<article class="outer"><article class="inner">${paras(5)}</article></article><article>${para(1)}</article>`);
    expect(soleArticle(doc)?.getAttribute('class')).toBe('inner');
  });

  test('regression: an <article> named as comments (id="recipe-comments") is not the page’s article', () => {
    expect(soleArticle(page(`<div class="recipe">${paras(2)}</div><article id="recipe-comments">${paras(6)}</article>`))).toBeNull();
  });

  test('the marked body comes first, the sole article second, each once', () => {
    const doc = page(`<article><div class="entry-content">${paras(5)}</div></article>`);
    expect(statedArticles(doc).map((el) => el.localName)).toEqual(['div', 'article']);
    expect(statedArticles(page(`<article class="entry-content">${paras(5)}</article>`))).toHaveLength(1);
  });
});

describe('isolate cleans what Readability would drop', () => {
  test('regression: sidebars, footers, navigation and forms inside the stated article go (a newsletter form in its footer)', () => {
    const doc = page(
      `<article><nav><a href="/">Home</a></nav>${paras(4)}<aside>Most read today</aside>` +
        `<footer><form><p>Stay informed with our newsletter</p><input name="mail"><button>Send</button></form></footer></article>`,
    );
    const text = isolate(doc, soleArticle(doc)!).textContent ?? '';
    expect(text).toContain('Paragraph 2 of the letter');
    for (const gone of ['Home', 'Most read today', 'Stay informed', 'Send']) expect(text).not.toContain(gone);
  });

  test('regression: on a malformed page whose root element is not <html>, isolate still finds the element', () => {
    const { document } = parseHTML(`<br><html><body><section><article>${paras(4)}</article></section></body></html>`);
    const doc = document as unknown as Document;
    const article = doc.querySelector('article')!;
    expect(isolate(doc, article).querySelectorAll('p')).toHaveLength(4);
  });
});
