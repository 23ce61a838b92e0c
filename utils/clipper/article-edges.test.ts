import { describe, expect, test } from 'vitest';
import { parseHTML } from 'linkedom';
import { isAppeal, isDateLine, trimEdges } from './article-edges';

const root = (html: string) =>
  parseHTML(`<!DOCTYPE html><html><body><div id="r">${html}</div></body></html>`).document.getElementById('r') as unknown as Element;
const para = (i: number) =>
  `<p>Paragraph ${i} of the article is long enough to be the prose a reader came for, with a sentence or two more than a caption or a teaser line would ever hold.</p>`;
const squash = (el: Element) => (el.textContent ?? '').replace(/\s+/g, ' ').trim();

describe('isDateLine', () => {
  test.each([
    '24.01.2022 11:38',
    '3:59 PM',
    'Veröffentlicht am 2. Februar 2022',
    'Published: March 3, 2021',
    '2021-10-16 |',
    'Aktualisiert am 12.03.2020, 14:05 Uhr',
  ])('%s is a date line', (text) => expect(isDateLine(text)).toBe(true));
  test.each(['+81 158-23-2012', 'Im Jahr 2020 stieg der Umsatz deutlich', 'Die Sitzung beginnt um 19:30 im Rathaus', 'Kontakt', ''])(
    '%s is not',
    (text) => expect(isDateLine(text)).toBe(false),
  );
});

describe('isAppeal (short furniture lines in several languages)', () => {
  test.each([
    '© 2024 Example Media. All rights reserved.',
    'Folgen Sie uns auf Facebook und Instagram',
    'Subscribe to our newsletter',
    'Síguenos en Twitter',
    'Suivez-nous sur Facebook',
    '*Werbung. Dieser Beitrag enthält Werbung.',
    'Anzeige',
    'Lesen Sie auch: Der Winter kommt',
    'À lire aussi Les critiques de la CNIL',
    'Das könnte Sie auch interessieren!',
    'Ihr Beitrag hilft, unsere Berichterstattung auszubauen',
    'Artikel gefallen? Vergiss nicht zu teilen!',
    'Hazte miembro y disfruta de beneficios exclusivos',
    // regression (bike magazine promo, app and letter prompts, comment prompts, "more like this" headings):
    'Lesen Sie das Magazin digital oder bestellen Sie es als Abo oder Einzelheft:',
    'Get the latest news with the VI Consortium app. Download the News apps for iOS',
    'Submit a letter to the editor or write to us.',
    'Kommentare schreiben',
    'Keine Kommentare (Kommentare erscheinen erst nach unserer Freigabe)',
    'Verraten Sie gerne in den Kommentaren: Was bedeutet das für Sie?',
    'Popular videos',
  ])('%s is an appeal', (text) => expect(isAppeal(text)).toBe(true));
  test.each([
    'Die Gemeinde will die Anzeigepflicht für Hunde abschaffen.',
    'He followed the river to the sea.',
    'Related work is discussed below in depth.',
    'Der Abonnent las die Abonnements-Bedingungen.',
    'Die Kommentare der Leser waren gemischt.',
    `${'A long paragraph that happens to mention a newsletter '.repeat(4)}.`,
  ])('%s is not', (text) => expect(isAppeal(text)).toBe(false));
});

describe('trimEdges', () => {
  test('drops link lists and date lines before the first and after the last long paragraph', () => {
    const r = root(
      `<p>12.03.2021 14:05</p>${para(1)}<p>A short line inside stays.</p>${para(2)}<ul><li><a href="/a">Most read story one</a></li></ul><p>3:59 PM</p>`,
    );
    trimEdges(r);
    expect(squash(r)).not.toContain('12.03.2021');
    expect(squash(r)).not.toContain('Most read story one');
    expect(squash(r)).not.toContain('3:59 PM');
    expect(squash(r)).toContain('A short line inside stays.');
    expect(r.querySelectorAll('p').length).toBe(3);
  });

  test('drops an appeal anywhere, but never a long paragraph that mentions the same words', () => {
    const long = `<p>The council voted to subscribe to the regional water scheme, which had been debated for months by residents who feared the costs would rise and asked for a vote of their own.</p>`;
    const r = root(`${para(1)}<p>Follow us on Twitter</p>${long}${para(2)}`);
    trimEdges(r);
    expect(squash(r)).not.toContain('Follow us');
    expect(squash(r)).toContain('subscribe to the regional water scheme');
  });

  test('drops a short heading after the article over links ("Most popular") and photo credits, keeps headings inside it', () => {
    const r = root(
      `<h2>Background</h2>${para(1)}<figure><img src="a.jpg"><figcaption>Photo: Jane Doe / Agency</figcaption></figure>` +
        `<figure><img src="b.jpg"><figcaption>The town hall at night</figcaption></figure><h2>The vote</h2>${para(2)}` +
        `<h2>Most popular</h2><ul><li><a href="/x">Another story</a></li></ul>`,
    );
    trimEdges(r);
    expect(Array.from(r.querySelectorAll('h2'), (h) => h.textContent)).toEqual(['Background', 'The vote']);
    expect(Array.from(r.querySelectorAll('figcaption'), (f) => f.textContent)).toEqual(['The town hall at night']);
    expect(r.querySelectorAll('img').length).toBe(2);
  });

  test('regression: a heading over a short text section after the article stays ("Anreise" and its directions)', () => {
    const r = root(`${para(1)}<h3>Anreise</h3><p>Mit dem Bus bis zum Markt.</p>`);
    trimEdges(r);
    expect(squash(r)).toContain('Anreise');
  });

  test('regression: a phone number at the end of the article is not a date line', () => {
    const r = root(`${para(1)}<p>+81 158-23-2012</p>`);
    trimEdges(r);
    expect(squash(r)).toContain('+81 158-23-2012');
  });

  test('regression: content without any long paragraph is left alone (a short post is all short lines)', () => {
    const r = root('<p>12.03.2021</p><p><a href="/x">A link</a></p><p>Short post.</p>');
    expect(trimEdges(r)).toBe(0);
    expect(r.querySelectorAll('p').length).toBe(3);
  });

  test('regression: a link whose text is an address (a cited petition) stays at the article’s edge', () => {
    const r = root(
      `${para(1)}<p><a href="http://www.openpetition.de/petition/x">http://www.openpetition.de/petition/x</a></p><ul><li><a href="/n">Next post</a></li></ul>`,
    );
    trimEdges(r);
    expect(squash(r)).toContain('http://www.openpetition.de/petition/x');
    expect(squash(r)).not.toContain('Next post');
  });

  test('regression: a linked heading before the prose is the article’s title (a permalink) and stays; a linked line there goes', () => {
    const r = root(`<p><a href="/home">Home</a></p><h2><a href="/reviews/1">Gousto has changed my life....</a></h2>${para(1)}`);
    trimEdges(r);
    expect(squash(r)).toContain('Gousto has changed my life');
    expect(squash(r)).not.toContain('Home');
  });

  test('regression: a heading after the article that is a sentence (a pull quote) stays; a label over nothing goes', () => {
    const r = root(
      `${para(1)}<h4>The story is dreadful.</h4><h4>He made a fake profile. It supports his version.</h4><h4>More from us</h4>`,
    );
    trimEdges(r);
    expect(squash(r)).toContain('It supports his version.');
    expect(squash(r)).toContain('The story is dreadful.');
    expect(squash(r)).not.toContain('More from us');
  });

  test('regression: a sentence that says "you subscribe" is not an appeal; "abonnieren Sie" is', () => {
    expect(isAppeal('Vor allem freuen wir uns, wenn Dir unsere Podcasts gefallen, Du sie abonnierst und uns Feedback gibst.')).toBe(false);
    expect(isAppeal('Jetzt Newsletter abonnieren!')).toBe(true);
    expect(isAppeal('Abonniere unseren Kanal')).toBe(true);
  });

  test('regression: a photo credit outside the prose goes even when it is a plain paragraph, not a figcaption', () => {
    const r = root(
      `<p>Son tres los periodos de vacaciones. Foto: Andina</p>${para(1)}<p>Titelbild: Agentur / picture-alliance</p><p>Zum Schluss ein Satz.</p>`,
    );
    trimEdges(r);
    expect(squash(r)).not.toContain('Foto: Andina');
    expect(squash(r)).not.toContain('Titelbild');
    expect(squash(r)).toContain('Zum Schluss ein Satz.');
  });

  test('regression: a link list inside the article between its own lines stays ("Empfehlungen von Dennis:" and products); the list ending it, or one after a rule line, goes', () => {
    const items = (names: string[]) => `<ul>${names.map((n) => `<li><a href="/p/${n.length}">${n}</a></li>`).join('')}</ul>`;
    const r = root(
      `${para(1)}<p><strong>Empfehlungen von Dennis:</strong></p>${items(['Niedlicher Roboter-Spielkamerad: Anki Cozmo'])}` +
        `<p><strong>Empfehlungen von Matthias:</strong></p>${items(['KI-Film: Ex Machina'])}`,
    );
    trimEdges(r);
    expect(squash(r)).toContain('Anki Cozmo');
    expect(squash(r)).toContain('Empfehlungen von Matthias:');
    expect(squash(r)).not.toContain('Ex Machina');
    const after = root(
      `${para(1)}<hr><p><strong>Verwandte Artikel:</strong></p>${items(['Dichter und Denker'])}<p><strong>Externe Links:</strong></p>`,
    );
    trimEdges(after);
    expect(squash(after)).not.toContain('Dichter und Denker');
  });

  test('regression: a rule line in a box of its own separates the site’s list too (document order, not depth)', () => {
    // linkedom's compareDocumentPosition compares depths: the <hr> one box deeper than the prose did not count as between.
    const items = `<ul><li><a href="/p/1">Dichter und Denker</a></li></ul>`;
    const r = root(`${para(1)}<div><hr></div><p><strong>Verwandte Artikel:</strong></p>${items}<p><strong>Externe Links:</strong></p>`);
    trimEdges(r);
    expect(squash(r)).not.toContain('Dichter und Denker');
  });

  test('regression: a link-heavy row of a timeline after the prose stays ("2008-2012 100 Folgen von <link>"); a lone link line there goes', () => {
    const row = (when: string, what: string) => `<p><strong>${when}</strong><br>${what}</p>`;
    const r = root(
      `${para(1)}<h2>Auswahl</h2>${row('Dezember 2012', 'Leberkäse Superstar – Die Weltuntergangslesung')}${row('August 2011', 'erster öffentlicher Probelauf')}` +
        `${row('2008-2012', '100 Folgen von <a href="/yt">Schlechte Wortspiele, schlecht nachgespielt</a>')}${row('Ab 2008', 'Satirischer Blog')}`,
    );
    trimEdges(r);
    expect(squash(r)).toContain('100 Folgen von Schlechte Wortspiele');
    const lone = root(
      `${para(1)}<p>Dies ist Teil 2 zum Text "<a href="/t1">Unterdrückte Sexualität: ein Risikofaktor</a>"</p><p>Fußnote eins.</p>`,
    );
    trimEdges(lone);
    expect(squash(lone)).not.toContain('Unterdrückte Sexualität');
  });
});
