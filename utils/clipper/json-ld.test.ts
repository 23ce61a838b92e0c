import { describe, expect, test } from 'vitest';
import { parseHTML } from 'linkedom';
import { namesOf, notFree, readJsonLd, typesOf, urlsOf } from './json-ld';

const ld = (...blocks: string[]) =>
  readJsonLd(
    parseHTML(
      `<!DOCTYPE html><html><head>${blocks.map((b) => `<script type="application/ld+json">${b}</script>`).join('')}</head><body></body></html>`,
    ).document as unknown as Document,
  );

describe('readJsonLd', () => {
  test('the article is the main node, whatever else the page describes first', () => {
    const read = ld(
      JSON.stringify({ '@context': 'https://schema.org', '@type': 'Organization', name: 'Paper' }),
      JSON.stringify([{ '@type': 'BreadcrumbList' }, { '@type': ['CreativeWork', 'BlogPosting'], headline: 'Post' }]),
    );
    expect(read.nodes).toHaveLength(3);
    expect(read.main?.headline).toBe('Post');
  });

  test('@graph, nested mainEntity, prefixed types', () => {
    const graph = { '@graph': [{ '@type': 'WebPage', mainEntity: { '@type': 'schema:Book', name: 'Middlemarch' } }] };
    expect(ld(JSON.stringify(graph)).main?.name).toBe('Middlemarch');
    expect(typesOf({ '@type': ['http://schema.org/NewsArticle', 'schema:Review'] })).toEqual(['newsarticle', 'review']);
  });

  test('a video page: VideoObject is the main node when there is no article', () => {
    expect(typesOf(ld(JSON.stringify({ '@type': 'VideoObject', name: 'Talk' })).main ?? {})).toEqual(['videoobject']);
    // A news article with an embedded video is still an article.
    const both = ld(
      JSON.stringify([
        { '@type': 'VideoObject', name: 'Clip' },
        { '@type': 'NewsArticle', headline: 'Story' },
      ]),
    );
    expect(both.main?.headline).toBe('Story');
  });

  test('a WebPage is the fallback main node; a page with only a WebSite node has none', () => {
    expect(ld(JSON.stringify({ '@type': 'WebPage', name: 'About' })).main?.name).toBe('About');
    expect(ld(JSON.stringify({ '@type': 'WebSite', name: 'Site' })).main).toBeNull();
  });

  test('broken blocks are skipped, CDATA and comment wrappers are read', () => {
    const read = ld('{ "@type": "Article", ', '<![CDATA[{"@type": "Article", "headline": "Wrapped"}]]>', '<!-- {"@type":"Report"} -->');
    expect(read.nodes.map((n) => n['@type'])).toEqual(['Article', 'Report']);
    expect(read.main?.headline).toBe('Wrapped');
  });

  test('a type with parameters still counts; other script types do not', () => {
    const doc = parseHTML(`<html><head>
      <script type="application/ld+json; charset=utf-8">{"@type":"Article","headline":"A"}</script>
      <script type="application/json">{"@type":"Article","headline":"B"}</script></head></html>`).document as unknown as Document;
    expect(readJsonLd(doc).nodes.map((n) => n.headline)).toEqual(['A']);
  });
});

describe('values', () => {
  const byId = ld(JSON.stringify({ '@graph': [{ '@type': 'Person', '@id': '#m', name: 'Marie Curie' }] })).byId;

  test('names: strings, objects, @id references, given+family names, lists; junk skipped', () => {
    expect(namesOf('Ada Lovelace', byId)).toEqual(['Ada Lovelace']);
    expect(namesOf({ '@type': 'Person', name: ' Ada ' }, byId)).toEqual(['Ada']);
    expect(namesOf([{ '@id': '#m' }, { givenName: 'Pierre', familyName: 'Curie' }, 42, null, { '@id': '#missing' }], byId)).toEqual([
      'Marie Curie',
      'Pierre Curie',
    ]);
    expect(namesOf({ '@type': 'Person', '@id': '#m' }, byId)).toEqual(['Marie Curie']);
  });

  test('image URLs: strings, ImageObjects, lists', () => {
    expect(urlsOf(['a.jpg', { '@type': 'ImageObject', url: 'b.jpg' }, { contentUrl: 'c.jpg' }], byId)).toEqual(['a.jpg', 'b.jpg', 'c.jpg']);
  });

  test('isAccessibleForFree: false (boolean or string) is not free; anything else is', () => {
    expect(notFree({ isAccessibleForFree: false })).toBe(true);
    expect(notFree({ isAccessibleForFree: 'False' })).toBe(true);
    expect(notFree({ isAccessibleForFree: true })).toBe(false);
    expect(notFree({ isAccessibleForFree: 'True' })).toBe(false);
    expect(notFree({})).toBe(false);
    expect(notFree(null)).toBe(false);
  });
});
