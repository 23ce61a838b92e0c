/**
 * The whole story in Firefox (Debian's Firefox ESR, the MV2 build as a temporary add-on,
 * driven over WebDriver BiDi): Ada signs in from Options and names herself, creates a group,
 * clips a served page from the popup, finds it in the side panel's queue and comments on it;
 * Ben, in a second Firefox profile (where the extension has another id, so no extension link
 * of Ada's would open), signs in, pastes Ada's whole invitation message into the popup's Join
 * and sees the item and her comment. No JavaScript error from the extension may reach Firefox's output, and
 * closing the browsers with the Realtime socket open must not leave a script Firefox stops
 * for running too long.
 */
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { Page } from 'puppeteer-core';
import { click, fill, launchFirefox, reload, textOf, until, waitForText, type Firefox } from './firefox';
import { signInFirefox } from './firefox-sign-in';
import { serveFixtures } from './harness';
import { startLocalBackend } from '../../supabase/local/index';

type Backend = Awaited<ReturnType<typeof startLocalBackend>>;

let backend: Backend;
let pages: Awaited<ReturnType<typeof serveFixtures>>;
let ada: Firefox;
let ben: Firefox;

beforeAll(async () => {
  backend = await startLocalBackend({ port: 0, memory: true, seed: false, log: () => undefined });
  pages = await serveFixtures();
  [ada, ben] = await Promise.all([launchFirefox(), launchFirefox()]);
});

afterAll(async () => {
  await Promise.allSettled([ada, ben].filter(Boolean).map((firefox) => firefox.close()));
  await pages?.close();
  await backend?.stop();
});

const GROUP = 'Firefox Readers';
const COMMENT = 'The part about the second winter is the whole argument.';

/** Signs in from Options (firefox-sign-in.ts), then checks the name was saved as chosen. */
async function signIn(firefox: Firefox, email: string, name: string): Promise<Page> {
  const options = await signInFirefox(firefox, backend, email, name);
  expect(
    await backend.db.query('select p.display_name, p.name_set from app.profiles p join auth.users u on u.id = p.id where u.email = $1', [
      email,
    ]),
  ).toEqual([{ display_name: name, name_set: true }]);
  return options;
}

/** The side panel's document in a tab, once its queue lists `title`. */
async function queueShowing(firefox: Firefox, title: RegExp): Promise<Page> {
  const panel = await firefox.open('sidepanel.html');
  await waitForText(panel, title, '[data-testid="queue-entry"]');
  return panel;
}

describe('Firefox: sign in, group, clip, queue, comment, a second member joins', () => {
  let invite = '';

  test('Ada signs in from Options, names herself, creates a group and an invite, and takes its invitation message', async () => {
    const options = await signIn(ada, 'ada@firefox.test', 'Ada');
    await fill(options, 'Group name', GROUP);
    await click(options, 'Create group');
    await waitForText(options, GROUP, '[data-testid="group"]');
    await click(options, 'Invite', '[data-testid="group"]');
    await click(options, 'Create invite');
    const code = await until('the invite code', () =>
      options.evaluate(() => document.querySelector<HTMLInputElement>('input[id^="invite-code"]')?.value ?? ''),
    );
    expect(code).toMatch(/\S{6,}/);
    // What "Copy invitation" copies: the field's text (the clipboard is not read here).
    invite = await until('the invitation message', () =>
      options.evaluate(() => document.querySelector<HTMLTextAreaElement>('textarea[id^="invite-message"]')?.value ?? ''),
    );
    expect(invite).toContain(`Join “${GROUP}” on Readclub`);
    expect(invite).toContain(`Invite code: ${code}\nServer: ${backend.url}\nServer key: ${backend.publishableKey}`);
    expect(invite).not.toMatch(/moz-extension:|chrome-extension:/);
    await options.close();
  });

  test('Ada clips a served page from the popup; the side panel queues it', async () => {
    const url = `${pages.url}/article.html`;
    const article = await ada.visit(url);
    const popup = await ada.open(`popup.html?tabId=${await ada.tabIdOf(url)}`);
    await waitForText(popup, 'Reading Circles');
    await fill(popup, 'Tags', 'firefox');
    await click(popup, new RegExp(`^Save to ${GROUP}`));
    await waitForText(popup, new RegExp(`Saved (“.*” )?to ${GROUP}`));
    await popup.close();
    await article.close();

    const rows = await backend.db.query<{ kind: string; url: string }>('select kind, url from app.items');
    expect(rows).toEqual([{ kind: 'article', url }]);
    const panel = await queueShowing(ada, /Reading Circles/);
    const entry = await textOf(panel, '[data-testid="queue-entry"]');
    expect(entry).toMatch(/added by Ada/);
    expect(entry).toMatch(/firefox/);

    await click(panel, /comments?$/i, '[data-testid="queue-entry"]');
    await fill(panel, 'Add a comment', COMMENT);
    await click(panel, 'Comment');
    await waitForText(panel, COMMENT, '[data-testid="comment"]');
    expect(await backend.db.query('select body from app.comments')).toEqual([{ body: COMMENT }]);
    await panel.close();
  });

  test('Ben, in another Firefox profile, pastes the whole invitation into the popup and sees the item and the comment', async () => {
    const options = await signIn(ben, 'ben@firefox.test', 'Ben');
    await options.close();
    const url = `${pages.url}/article.html`;
    const article = await ben.visit(url);
    const popup = await ben.open(`popup.html?tabId=${await ben.tabIdOf(url)}`);
    await fill(popup, 'Invitation or invite code', invite);
    await click(popup, 'Join group');
    await waitForText(popup, /1 member/);
    await click(popup, `Join ${GROUP}`);
    await waitForText(popup, `You joined ${GROUP}.`);
    expect(
      await backend.db.query(
        'select g.name, m.role from app.group_members m join app.groups g on g.id = m.group_id join auth.users u on u.id = m.user_id where u.email = $1',
        ['ben@firefox.test'],
      ),
    ).toEqual([{ name: GROUP, role: 'member' }]);
    await popup.close();
    await article.close();

    const panel = await queueShowing(ben, /Reading Circles/);
    expect(await textOf(panel, '[data-testid="queue-entry"]')).toMatch(/1 comment/);
    await click(panel, /comments?$/i, '[data-testid="queue-entry"]');
    await waitForText(panel, COMMENT, '[data-testid="comment"]');
    expect(await textOf(panel, '[data-testid="comment"]')).toMatch(/Ada/);
    await reload(panel);
    await waitForText(panel, /Reading Circles/, '[data-testid="queue-entry"]');
    await panel.close();
  });

  test('no JavaScript error from the extension in either browser, up to and through closing them', async () => {
    await Promise.all([ada.close(), ben.close()]);
    expect([...ada.extensionErrors(), ...ben.extensionErrors()]).toEqual([]);
  });
});
