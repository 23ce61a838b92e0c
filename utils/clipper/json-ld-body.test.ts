import { describe, expect, test } from 'vitest';
import { parseHTML } from 'linkedom';
import { jsonLdArticleBody, paragraphsFrom } from './json-ld-body';

const page = (...blocks: unknown[]) =>
  parseHTML(
    `<!DOCTYPE html><html><head>${blocks
      .map((b) => `<script type="application/ld+json">${JSON.stringify(b)}</script>`)
      .join('')}</head><body></body></html>`,
  ).document as unknown as Document;
const long = (words: string) => `${words} `.repeat(40).trim();

describe('jsonLdArticleBody', () => {
  test('the articleBody of the page’s article, also inside @graph', () => {
    const body = long('The council voted to keep the library open.');
    expect(
      jsonLdArticleBody(
        page({
          '@context': 'https://schema.org',
          '@graph': [
            { '@type': 'WebSite', name: 'x' },
            { '@type': 'NewsArticle', articleBody: body },
          ],
        }),
      ),
    ).toBe(body);
  });

  test('a teaser (under 200 characters) is not an article body', () => {
    expect(jsonLdArticleBody(page({ '@type': 'Article', articleBody: 'Subscribe to read the rest.' }))).toBeNull();
  });

  test('the longest of several bodies wins; a video’s transcript-like text is ignored', () => {
    const short = long('Short.');
    const longer = long('A much longer article body sentence.');
    expect(
      jsonLdArticleBody(
        page(
          { '@type': 'VideoObject', text: long('Video words are not the article, however long they are.') },
          { '@type': 'BlogPosting', articleBody: short },
          { '@type': 'Article', articleBody: longer },
        ),
      ),
    ).toBe(longer);
  });

  test('broken JSON-LD is skipped, not thrown', () => {
    const { document } = parseHTML(
      '<!DOCTYPE html><html><head><script type="application/ld+json">{"@type": "Article", articleBody: </script></head><body></body></html>',
    );
    expect(jsonLdArticleBody(document as unknown as Document)).toBeNull();
  });
});

describe('paragraphsFrom', () => {
  const doc = parseHTML('<!DOCTYPE html><html><body></body></html>').document as unknown as Document;

  test('blank lines split paragraphs; whitespace inside one collapses', () => {
    expect(paragraphsFrom('First  para\ngraph.\n\nSecond one.\r\n\r\nThird.', doc).innerHTML).toBe(
      '<p>First para graph.</p><p>Second one.</p><p>Third.</p>',
    );
  });

  test('without blank lines, single line breaks split paragraphs', () => {
    expect(paragraphsFrom('One.\nTwo.\n', doc).innerHTML).toBe('<p>One.</p><p>Two.</p>');
  });

  test('text that is not HTML stays text (a < in prose is not a tag)', () => {
    expect(paragraphsFrom('Prices rose by <5% & fell.', doc).innerHTML).toBe('<p>Prices rose by &lt;5% &amp; fell.</p>');
  });

  test('an articleBody written as HTML is read as HTML', () => {
    expect(paragraphsFrom('<p>One</p><p>Two <em>too</em></p>', doc).innerHTML).toBe('<p>One</p><p>Two <em>too</em></p>');
  });
});
