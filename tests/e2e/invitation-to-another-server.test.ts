/**
 * An invitation that carries its group's server, in real Chromium on the test build. Ada's
 * Readclub uses the stand-in as http://localhost:<port>; Ben's uses it as
 * http://127.0.0.1:<port>, so to Ben's extension the group is on another server. Ben pastes
 * Ada's whole invitation message: the Join form names localhost:<port>, and on Switch the
 * extension takes that server (the test build already holds access to localhost, so the
 * browser grants it without a prompt; the prompt itself is covered by the component tests),
 * signs Ben out, and once he signs in there opens with the invitation previewed. A second
 * invitation to the same server then previews at once: nothing more is asked. Cleo pastes
 * the same invitation into the popup: Options opens in a tab with it, and she switches there.
 */
import { describe, expect, test } from 'vitest';
import type { Page } from 'playwright-core';
import { signInCode, tabIdOf, type Browser } from './harness';
import { createGroup, createInvite, signInMember, useE2e } from './fixtures';

const {
  backend,
  sql,
  pages,
  members: { ada, ben, cleo },
} = useE2e({ members: ['ada', 'ben', 'cleo'] });
let adaOptions: Page;
let benOptions: Page;
let farMessage = '';
const adaServer = () => `http://localhost:${new URL(backend.url).port}`;

const groupsOf = async (email: string) =>
  (
    await sql<{ name: string }>(
      'select g.name from app.group_members m join app.groups g on g.id = m.group_id join auth.users u on u.id = m.user_id where u.email = $1 order by g.name',
      [email],
    )
  ).map((row) => row.name);

/** What the extension stores as its backend (its sync storage, read in the service worker). */
async function storedBackend(browser = ben): Promise<unknown> {
  return browser.worker.evaluate(async () => {
    const api = (globalThis as unknown as { chrome: { storage: { sync: { get(k: string): Promise<Record<string, unknown>> } } } }).chrome;
    return (await api.storage.sync.get('backendUrl')).backendUrl;
  });
}

/** Signed out by the backend change: the Options page shows the new server; sign in there. */
async function signInAgain(options: Page, address: string): Promise<void> {
  const email = options.getByLabel('Email');
  await email.waitFor({ timeout: 15_000 });
  expect(await options.getByLabel('Backend URL').inputValue()).toBe(adaServer());
  await email.fill(address);
  const before = await signInCode(backend, address);
  await options.getByRole('button', { name: 'Send code' }).click();
  await expect.poll(() => signInCode(backend, address), { timeout: 15_000 }).not.toBe(before);
  await options.getByLabel('Sign-in code').fill(await signInCode(backend, address));
  await options.getByRole('button', { name: 'Sign in' }).click();
}

/** The popup for a served page, as a tab. */
async function popupOf(browser: Browser): Promise<Page> {
  const url = `${pages.url}/article.html`;
  const page = await browser.context.newPage();
  await page.goto(url);
  return browser.open(`popup.html?tabId=${await tabIdOf(browser, url)}`);
}

describe('an invitation to a group on another server', () => {
  test('Ada, on the server as localhost, creates a group and copies its invitation: it names that server', async () => {
    adaOptions = await signInMember(ada, backend, 'ada@server.test', adaServer());
    await createGroup(adaOptions, 'Far Circle');
    const { code, message } = await createInvite(adaOptions, { group: 'Far Circle' });
    farMessage = message;
    expect(message).toContain(`Invite code: ${code}\nServer: ${adaServer()}\nServer key: ${backend.publishableKey}`);

    benOptions = await signInMember(ben, backend, 'ben@server.test');
    expect(await storedBackend()).toBe(backend.url);
    await benOptions.getByLabel('Invitation or invite code').fill(message);
    await benOptions.getByRole('button', { name: 'Join group' }).click();
    const prompt = benOptions.getByRole('group', { name: 'Another server' });
    await expect
      .poll(() => prompt.textContent())
      .toContain(`This group is on localhost:${new URL(backend.url).port}, not the server Readclub uses now.`);
    expect(await benOptions.getByRole('group', { name: 'Invitation' }).count()).toBe(0);
  });

  test('Ben switches: the extension uses that server, he signs in there and the invitation is waiting, previewed', async () => {
    await benOptions.getByRole('button', { name: `Switch to localhost:${new URL(backend.url).port}` }).click();
    await expect.poll(storedBackend, { timeout: 15_000 }).toBe(adaServer());
    // Changing the backend signs out: he signs in on the new one.
    await signInAgain(benOptions, 'ben@server.test');
    const invitation = benOptions.getByRole('group', { name: 'Invitation' });
    await expect.poll(() => invitation.textContent(), { timeout: 15_000 }).toMatch(/Far Circle\s*1 member/);
    expect(await groupsOf('ben@server.test')).toEqual([]);
    await benOptions.getByRole('button', { name: 'Join Far Circle' }).click();
    await benOptions.getByText('You joined Far Circle.').waitFor();
    expect(await groupsOf('ben@server.test')).toEqual(['Far Circle']);
  });

  test('a second invitation to the same server previews at once: no question, no prompt', async () => {
    await createGroup(adaOptions, 'Near Circle');
    const { message } = await createInvite(adaOptions, { group: 'Near Circle' });
    await benOptions.reload();
    await benOptions.getByRole('button', { name: 'Join another group with a code' }).click();
    await benOptions.getByLabel('Invitation or invite code').fill(message);
    await benOptions.getByRole('button', { name: 'Join group' }).click();
    await benOptions.getByRole('button', { name: 'Join Near Circle' }).click();
    await benOptions.getByText('You joined Near Circle.').waitFor();
    expect(await benOptions.getByRole('group', { name: 'Another server' }).count()).toBe(0);
    expect(await groupsOf('ben@server.test')).toEqual(['Far Circle', 'Near Circle']);
  });

  test('from the popup: Options opens in a tab with the invitation, and the switch happens there', async () => {
    await (await signInMember(cleo, backend, 'cleo@server.test')).close();
    const popup = await popupOf(cleo);
    await popup.getByLabel('Invitation or invite code').fill(farMessage);
    await popup.getByRole('button', { name: 'Join group' }).click();
    await popup.getByRole('group', { name: 'Another server' }).waitFor();
    const [options] = await Promise.all([
      cleo.context.waitForEvent('page', (page) => page.url().includes('/options.html#code=')),
      popup.getByRole('button', { name: 'Switch in Options' }).click(),
    ]);
    expect(await storedBackend(cleo)).toBe(backend.url); // nothing changed before the member says so in Options
    await options.getByRole('button', { name: `Switch to localhost:${new URL(backend.url).port}` }).click();
    await expect.poll(() => storedBackend(cleo), { timeout: 15_000 }).toBe(adaServer());
    await signInAgain(options, 'cleo@server.test');
    await options.getByRole('button', { name: 'Join Far Circle' }).click();
    await options.getByText('You joined Far Circle.').waitFor();
    expect(await groupsOf('cleo@server.test')).toEqual(['Far Circle']);
  });
});
