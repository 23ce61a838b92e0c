import { describe, expect, test } from 'vitest';
import { parseHTML } from 'linkedom';
import { isFurniture, isTeaserLine, removeBoilerplate, removeTeaserLines } from './article-cleanup';

const root = (html: string) =>
  parseHTML(`<!DOCTYPE html><html><body><div id="r">${html}</div></body></html>`).document.getElementById('r') as unknown as Element;
const el = (html: string) => root(html).firstElementChild as Element;
const prose = (n: number) =>
  Array.from({ length: n }, (_, i) => `<p>Paragraph ${i} of the article, long enough to be prose that a reader came for.</p>`).join('');

describe('isFurniture (class and id words generic across sites)', () => {
  test('regression: the quick name check before splitting passes every furniture word, in any case and form', () => {
    const words = [
      'sharing',
      'Sharebar',
      'addthis',
      'sociable',
      'optin',
      'yarpp',
      'respond',
      'gdpr',
      'taglist',
      'promo',
      'postmetadata',
      'pagination',
      'Taboola',
    ];
    const pairs = [
      'authorCard',
      'about_the_author',
      'bio-box',
      'articleUtility',
      'nav-links',
      'moreNews',
      'most_viewed',
      'readNext',
      'see-also',
      'previousArticle',
      'comment_form',
    ];
    for (const name of [...words, ...pairs]) expect(isFurniture(el(`<div class="x ${name}">x</div>`)), name).toBe(true);
  });

  test.each([
    '<div class="share-bar">',
    '<div class="sharedaddy sd-sharing-enabled">',
    '<aside class="socialIcons">',
    '<div id="newsletter-signup">',
    '<section class="related-posts">',
    '<div class="relatedArticles">',
    '<div id="comments">',
    '<ol class="commentlist">',
    '<div class="author-bio">',
    '<div class="about-the-author">',
    '<div class="cookie-notice">',
    '<div class="entry-meta">',
    '<footer class="entry-footer">',
    '<nav class="post-navigation">',
    '<div class="td-post-prev-post">',
    '<ul class="post-tags">',
    '<div class="more-stories">',
    '<div class="mostPopular">',
    '<div class="breadcrumbs">',
    '<div class="jp-relatedposts">',
  ])('%s is furniture', (open) => {
    expect(isFurniture(el(`${open}x</${open.slice(1, open.indexOf(' '))}>`))).toBe(true);
  });

  test.each([
    '<article class="post tag-social-media category-share">',
    '<div class="entry-content">',
    '<div class="post-5406 enable-pin-share">',
    '<div class="elementor-widget-container">',
    '<div class="steady-paywall-container">',
    '<main class="sharing">',
    '<div class="shareholder-letter">',
    '<div class="commentary">',
    '<div class="sidebar-right">',
    '<div class="head">',
    '<div class="adventure-story">',
  ])('%s is not', (open) => {
    expect(isFurniture(el(`${open}x</${open.slice(1, open.indexOf(' '))}>`))).toBe(false);
  });
});

describe('removeBoilerplate', () => {
  test('removes share bars, newsletter boxes, comments and related lists around the article', () => {
    const r = root(
      `<div class="share-buttons"><a href="#">Share on Facebook</a></div>${prose(6)}` +
        '<div class="newsletter-box"><p>Sign up for our newsletter</p></div><section class="related-posts"><h3>Related</h3><ul><li><a href="/x">Another story</a></li></ul></section>' +
        '<div id="comments"><p>First!</p></div>',
    );
    expect(removeBoilerplate(r)).toBe(4);
    expect(r.textContent).not.toMatch(/Share on|newsletter|Related|First!/);
    expect(r.querySelectorAll('p')).toHaveLength(6);
  });

  test('regression: a badly named box holding most of the text stays (themes that put "share" on the article wrapper)', () => {
    const r = root(`<div class="entry themeform share">${prose(8)}</div><div class="share"><a href="#">Tweet</a></div>`);
    removeBoilerplate(r);
    expect(r.querySelectorAll('p')).toHaveLength(8);
    expect(r.textContent).not.toContain('Tweet');
  });
});

describe('teaser lines ("read also" links inside the text)', () => {
  test.each([
    '<p><strong>Lea también: <a href="/a">Impiden ingreso a Nicaragua a reportero</a></strong></p>',
    '<p>Read more: <a href="/b">Looted colonial art goes home</a></p>',
    '<h3>VEA TAMBIÉN: <a href="/c">Entre heces y guaricha: la escuela</a></h3>',
    '<p>Lesen Sie auch: <a href="/d">Die Bahn streicht den Zutritt</a></p>',
  ])('%s is a teaser', (html) => {
    expect(isTeaserLine(el(html))).toBe(true);
  });

  test.each([
    '<p>Note: <a href="/a">this link</a> is part of a sentence that goes on for much longer than the link itself does.</p>',
    '<p>The minister said on Tuesday: the budget will be cut.</p>',
    '<p><a href="/a">A paragraph that is a link but has no lead-in</a></p>',
    '<p>In a long lead-in of many words that is really a sentence: <a href="/a">link</a></p>',
    '<p><a href="http://www.openpetition.de/petition/x">http://www.openpetition.de/petition/x</a></p>',
    '<p><a href="/shop">Niedlicher Roboter-Spielkamerad: Anki Cozmo</a></p>',
  ])('%s is not', (html) => {
    expect(isTeaserLine(el(html))).toBe(false);
  });

  test('removeTeaserLines drops them from extracted content (a tree not attached to a document)', () => {
    const { document } = parseHTML('<!DOCTYPE html><html><body></body></html>');
    const detached = document.createElement('div');
    detached.innerHTML = `${prose(2)}<p><strong>Lea más: <a href="/x">Otra noticia</a></strong></p>${prose(1)}`;
    expect(removeTeaserLines(detached as unknown as Element)).toBe(1);
    expect(detached.querySelectorAll('p')).toHaveLength(3);
  });

  test('regression: list items stay, even with a lead-in and a link (dated link lists are content)', () => {
    const r = root('<ul><li><strong>2 décembre 2019 :</strong> <a href="/v">Reportage JT 13 heures</a></li></ul>');
    expect(removeTeaserLines(r)).toBe(0);
  });
});
