/**
 * The join page an invitation link opens (site/join.html): the local stand-in serves it at
 * /join with its script and styles, under a CSP that allows only those; run in jsdom, the
 * page shows the code from the address's fragment, the group's server, how to install
 * Readclub, and never treats the fragment as HTML.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { JSDOM } from 'jsdom';
import { startLocalBackend, type LocalBackend } from '../../supabase/local/index';

let backend: LocalBackend;
beforeAll(async () => {
  backend = await startLocalBackend({ port: 0, memory: true, seed: false, log: () => undefined });
});
afterAll(async () => {
  await backend?.stop();
});

/** The served page at `fragment`, its script run as a browser would (jsdom fetches join.js from the stand-in). */
async function openPage(fragment: string, edit: (html: string) => string = (html) => html): Promise<Document> {
  const html = edit(await (await fetch(`${backend.url}/join`)).text());
  const dom = new JSDOM(html, { url: `${backend.url}/join${fragment}`, runScripts: 'dangerously', resources: 'usable' });
  await new Promise<void>((done) => dom.window.addEventListener('load', () => done()));
  return dom.window.document;
}

const visible = (doc: Document, id: string) => !doc.getElementById(id)!.hidden;

describe('the stand-in serves the join page', () => {
  it('at /join, with its own script and styles, and a CSP that allows nothing else', async () => {
    const page = await fetch(`${backend.url}/join`);
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(page.headers.get('content-security-policy')).toMatch(/default-src 'none'; script-src 'self'; style-src 'self'/);
    const html = await page.text();
    expect(html).toContain('<script src="join.js" defer></script>');
    expect(html).not.toMatch(/<script>|\son[a-z]+=|style=|https?:\/\//); // nothing inline, nothing from elsewhere
    for (const [path, type] of [
      ['/join.js', 'text/javascript; charset=utf-8'],
      ['/join.css', 'text/css; charset=utf-8'],
    ]) {
      const file = await fetch(`${backend.url}${path}`);
      expect([file.status, file.headers.get('content-type')]).toEqual([200, type]);
    }
    expect((await fetch(`${backend.url}/join.html`)).status).toBe(404);
    expect((await fetch(`${backend.url}/join`, { method: 'POST' })).status).not.toBe(200);
  });

  it('shows the code and the group’s server from the fragment, and asks the inviter for the install link when none is set', async () => {
    const doc = await openPage('#code=ABCD-EFGH-JKLM&backend=https%3A%2F%2Fgroup.example.org&key=sb_publishable_x');
    expect(doc.getElementById('code')!.textContent).toBe('ABCD-EFGH-JKLM');
    expect(visible(doc, 'invitation')).toBe(true);
    expect(visible(doc, 'no-invitation')).toBe(false);
    expect(doc.getElementById('server-host')!.textContent).toBe('group.example.org');
    expect(visible(doc, 'secret')).toBe(false);
    expect(visible(doc, 'ask')).toBe(true);
    expect(visible(doc, 'stores')).toBe(false);
    expect((doc.getElementById('address') as HTMLInputElement).value).toContain('#code=ABCD-EFGH-JKLM');
    expect(doc.body.textContent).toContain('Join a group');
  });

  it('with store links set on the page, links to them instead', async () => {
    const doc = await openPage('#code=ABCD-EFGH', (html) =>
      html.replace('data-chrome-web-store=""', 'data-chrome-web-store="https://chromewebstore.google.com/detail/readclub/abc"'),
    );
    expect(visible(doc, 'stores')).toBe(true);
    expect(visible(doc, 'chrome')).toBe(true);
    expect(visible(doc, 'firefox')).toBe(false);
    expect(visible(doc, 'ask')).toBe(false);
    expect(doc.getElementById('chrome-link')!.getAttribute('href')).toBe('https://chromewebstore.google.com/detail/readclub/abc');
  });

  it('no code, or markup in the fragment: says so, and nothing from the address becomes HTML', async () => {
    const doc = await openPage(`#code=${encodeURIComponent('<img src=x onerror=alert(1)>')}&backend=javascript:alert(1)`);
    expect(visible(doc, 'invitation')).toBe(false);
    expect(visible(doc, 'no-invitation')).toBe(true);
    expect(doc.querySelector('main img')).toBeNull();
    expect(visible(doc, 'server')).toBe(false);
    expect(visible(doc, 'no-invitation')).toBe(true);
    expect(visible(await openPage(''), 'no-invitation')).toBe(true);
  });

  it('a secret key in the link: warns that Readclub will refuse it', async () => {
    const doc = await openPage('#code=ABCD-EFGH&backend=https%3A%2F%2Fgroup.example.org&key=sb_secret_leaked');
    expect(visible(doc, 'secret')).toBe(true);
  });
});
