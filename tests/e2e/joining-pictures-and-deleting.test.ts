/**
 * Joining, pictures and deleting, in real Chromium on the production build (three members,
 * three profiles): Ben, signed out, opens an old-style invite link (options.html#join=), signs in and lands in the group
 * (preview, then join) without pasting; Cleo, in no group, joins from the popup, and joins a
 * second group from the popup's group picker; pictures show beside "added by" (loaded without
 * a referrer); Cleo deletes her own item from the popup, cannot delete Ben's, and Ben, made an
 * admin, deletes Cleo's other item from the side panel. axe finds no serious problem in the
 * popup's join form or the item view.
 */
import { beforeAll, describe, expect, test } from 'vitest';
import type { Page, Route } from 'playwright-core';
import { signInCode, tabIdOf, type Browser } from './harness';
import { axeProblems } from './axe';
import { createGroup, createInvite, signInMember, useE2e } from './fixtures';

const {
  backend,
  pages,
  sql: q,
  members: { ada, ben, cleo },
} = useE2e({ members: ['ada', 'ben', 'cleo'] });
let poetryCode = '';
let nightCode = '';
// A 1×1 PNG for the pictures at img.e2e.test (no network here: answered by a route).
const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8DwHwAFBQIAX8jx0gAAAABJRU5ErkJggg==', 'base64');
const pictureRequests: Array<{ url: string; referer: string | undefined }> = [];
const servePicture = (route: Route) => {
  pictureRequests.push({ url: route.request().url(), referer: route.request().headers()['referer'] });
  return route.fulfill({ status: 200, contentType: 'image/png', body: PNG });
};

beforeAll(async () => {
  await Promise.all([ada, ben, cleo].map((b) => b.context.route('https://img.e2e.test/**', servePicture)));
});

const itemTitles = async (group: string) =>
  (await q(`select i.title from app.items i join app.groups g on g.id = i.group_id where g.name = '${group}' order by i.title`)).map(
    (r) => r.title,
  );

/** Options opened at `path` (an invite link's #join=…), backend set, signed in by email code there. */
async function signInAt(browser: Browser, path: string, email: string): Promise<Page> {
  const options = await browser.open(path);
  await options.getByLabel('Backend URL').fill(backend.url);
  await options.getByLabel('Public key').fill(backend.anonKey);
  await options.getByRole('button', { name: 'Save backend' }).click();
  // Signed out, the page says what the link is for.
  expect(await options.getByTestId('invited').textContent()).toMatch(/invited to a reading group/);
  await options.getByLabel('Email').fill(email);
  const before = await signInCode(backend, email);
  await options.getByRole('button', { name: 'Send code' }).click();
  await expect.poll(() => signInCode(backend, email), { timeout: 15_000 }).not.toBe(before);
  await options.getByLabel('Sign-in code').fill(await signInCode(backend, email));
  await options.getByRole('button', { name: 'Sign in' }).click();
  await options.getByText(email).first().waitFor();
  return options;
}

async function popupFor(browser: Browser, file: string): Promise<{ page: Page; popup: Page }> {
  const url = `${pages.url}/${file}`;
  const page = await browser.context.newPage();
  await page.goto(url);
  const popup = await browser.open(`popup.html?tabId=${await tabIdOf(browser, url)}`);
  return { page, popup };
}

async function clip(browser: Browser, file: string, group: string): Promise<void> {
  const { page, popup } = await popupFor(browser, file);
  const save = popup.getByRole('button', { name: `Save to ${group}` });
  await save.waitFor({ timeout: 15_000 });
  await save.click();
  await popup
    .getByText(new RegExp(`Saved (“.*” )?to ${group}|Added to ${group}`))
    .first()
    .waitFor({ timeout: 15_000 });
  await Promise.all([page.close(), popup.close()]);
}

describe('groups in the extension', () => {
  test('Ada sets her picture (kept when she renames herself), makes "Poetry Circle" and an invite', async () => {
    const options = await signInMember(ada, backend, 'ada@groups.test');
    const picture = options.getByLabel('Picture address (optional)');
    await picture.fill('https://img.e2e.test/ada.png');
    await options.getByLabel('Display name').fill('Ada');
    await options.getByRole('button', { name: 'Save profile' }).click();
    await options.getByText('Your group sees you as Ada.').waitFor();
    // Reopened, the form starts from what is saved; a new name alone keeps the picture.
    await options.reload();
    await expect.poll(() => picture.inputValue()).toBe('https://img.e2e.test/ada.png');
    await options.getByLabel('Display name').fill('Ada L.');
    await options.getByRole('button', { name: 'Save profile' }).click();
    await options.getByText('Your group sees you as Ada L..').waitFor();
    expect(
      await q(`select display_name, avatar_url from app.profiles p join auth.users u on u.id = p.id where u.email = 'ada@groups.test'`),
    ).toEqual([{ display_name: 'Ada L.', avatar_url: 'https://img.e2e.test/ada.png' }]);

    await createGroup(options, 'Poetry Circle');
    poetryCode = (await createInvite(options)).code;
    await options.close();
  });

  test('Ben, signed out, opens an old-style invite link, signs in and lands in the group: preview, then join, no paste', async () => {
    // Invitations no longer carry this link, but ones sent before still open the form.
    const hash = `#join=${encodeURIComponent(poetryCode)}`;
    const options2 = await signInAt(ben, `options.html${hash}`, 'ben@groups.test');
    const invitation = options2.getByRole('group', { name: 'Invitation' });
    await expect.poll(() => invitation.textContent(), { timeout: 15_000 }).toMatch(/Poetry Circle\s*1 member/);
    expect(
      await q(`select 1 from app.group_members m join auth.users u on u.id = m.user_id where u.email = 'ben@groups.test'`),
    ).toHaveLength(0);
    await options2.getByRole('button', { name: 'Join Poetry Circle' }).click();
    await options2.getByText('You joined Poetry Circle.').waitFor();
    expect(new URL(options2.url()).hash).toBe(''); // a reload does not offer the invite again
    expect(
      await q(`select m.role from app.group_members m join auth.users u on u.id = m.user_id where u.email = 'ben@groups.test'`),
    ).toEqual([{ role: 'member' }]);
    await options2.getByLabel('Picture address (optional)').fill('https://img.e2e.test/ben.png');
    await options2.getByLabel('Display name').fill('Ben');
    await options2.getByRole('button', { name: 'Save profile' }).click();
    await options2.getByText('Your group sees you as Ben.').waitFor();
    // Ben makes a group of his own, with an invite, for Cleo to join from the group picker.
    await createGroup(options2, 'Night Readers');
    nightCode = (await createInvite(options2, { group: 'Night Readers' })).code;
    await clip(ben, 'shift-jis-article.html', 'Poetry Circle');
    await options2.close();
  });

  test('Cleo, in no group, joins Poetry Circle from the popup (preview first), then another group from the picker', async () => {
    const options = await signInMember(cleo, backend, 'cleo@groups.test');
    await options.getByLabel('Display name').fill('Cleo');
    await options.getByRole('button', { name: 'Save profile' }).click();
    await options.getByText('Your group sees you as Cleo.').waitFor();
    await options.close();

    const { page, popup } = await popupFor(cleo, 'article.html');
    const join = popup.getByRole('form', { name: 'Join a group' });
    await join.waitFor({ timeout: 15_000 });
    expect(await axeProblems(popup)).toEqual([]);
    await join.getByLabel('Invite code').fill(poetryCode);
    await join.getByRole('button', { name: 'Join group' }).click();
    await expect.poll(() => popup.getByRole('group', { name: 'Invitation' }).textContent()).toMatch(/Poetry Circle\s*2 members/);
    await popup.getByRole('button', { name: 'Join Poetry Circle' }).click();
    const save = popup.getByRole('button', { name: 'Save to Poetry Circle' });
    await save.waitFor({ timeout: 15_000 });
    await popup.getByText('You joined Poetry Circle.').waitFor();

    // From the group picker: a second group, which then is the one chosen.
    await popup.getByRole('button', { name: 'Join with an invite code' }).click();
    await popup.getByLabel('Invite code').fill(nightCode);
    await popup.getByRole('button', { name: 'Join group' }).click();
    await popup.getByRole('button', { name: 'Join Night Readers' }).click();
    await popup.getByRole('button', { name: 'Save to Night Readers' }).waitFor({ timeout: 15_000 });
    expect(await popup.getByLabel('Group').locator('option').allTextContents()).toEqual(
      expect.arrayContaining(['Poetry Circle', 'Night Readers']),
    );
    await popup.getByLabel('Group').selectOption({ label: 'Poetry Circle' });
    await save.click();
    await popup
      .getByText(/Saved (“.*” )?to Poetry Circle/)
      .first()
      .waitFor({ timeout: 15_000 });
    await Promise.all([page.close(), popup.close()]);
    await clip(cleo, 'windows-1252-article.html', 'Poetry Circle');
    expect(await itemTitles('Poetry Circle')).toHaveLength(3);
  });

  test('pictures beside "added by": Ben\'s picture (no referrer sent), Cleo\'s initials', async () => {
    const panel = await cleo.open('sidepanel.html');
    await panel.getByLabel('Group', { exact: true }).selectOption({ label: 'Poetry Circle' });
    const bens = panel.getByTestId('queue-entry').filter({ hasText: 'added by Ben' });
    await bens.waitFor({ timeout: 15_000 });
    const picture = bens.getByRole('img', { name: 'Ben' });
    await expect.poll(() => picture.evaluate((img) => (img as HTMLImageElement).naturalWidth)).toBe(1);
    expect(await picture.getAttribute('src')).toBe('https://img.e2e.test/ben.png');
    const mine = panel.getByTestId('queue-entry').filter({ hasText: 'added by Cleo' }).first();
    expect(await mine.getByRole('img', { name: 'Cleo' }).textContent()).toBe('C');
    const benLoads = pictureRequests.filter((r) => r.url.endsWith('/ben.png'));
    expect(benLoads.length).toBeGreaterThan(0);
    expect(benLoads.every((r) => !r.referer)).toBe(true);

    // A member does not get Delete on someone else's item.
    await bens.click();
    await panel.getByRole('article', { name: 'Item' }).waitFor();
    expect(await panel.getByRole('article', { name: 'Item' }).getByRole('img', { name: 'Ben' }).count()).toBe(1);
    expect(await panel.getByRole('button', { name: 'Delete from library' }).count()).toBe(0);
    expect(await axeProblems(panel)).toEqual([]);
    await panel.close();
  });

  test('Cleo deletes her own item from the popup\'s "already saved" view, after confirming', async () => {
    const before = await itemTitles('Poetry Circle');
    const { page, popup } = await popupFor(cleo, 'article.html');
    await popup.getByRole('article', { name: 'Already saved' }).waitFor({ timeout: 15_000 });
    await popup.getByRole('button', { name: 'Delete from library' }).click();
    await popup.getByRole('button', { name: 'Keep it' }).click();
    expect(await itemTitles('Poetry Circle')).toEqual(before);
    await popup.getByRole('button', { name: 'Delete from library' }).click();
    await popup.getByRole('button', { name: 'Delete it' }).click();
    await popup.getByText('Deleted from the library.').waitFor();
    await popup.getByRole('button', { name: 'Save to Poetry Circle' }).waitFor();
    await expect.poll(() => itemTitles('Poetry Circle')).toHaveLength(2);
    await Promise.all([page.close(), popup.close()]);
  });

  test("Ben, made an admin, deletes Cleo's item from the side panel; the queue follows", async () => {
    await q(`update app.group_members m set role = 'admin' from auth.users u, app.groups g
              where u.id = m.user_id and g.id = m.group_id and u.email = 'ben@groups.test' and g.name = 'Poetry Circle'`);
    const panel = await ben.open('sidepanel.html');
    await panel.getByLabel('Group', { exact: true }).selectOption({ label: 'Poetry Circle' });
    const cleos = panel.getByTestId('queue-entry').filter({ hasText: 'added by Cleo' });
    await expect.poll(() => cleos.count(), { timeout: 15_000 }).toBe(1);
    await cleos.click();
    await panel.getByRole('button', { name: 'Delete from library' }).click();
    await panel.getByRole('button', { name: 'Delete it' }).click();
    await expect.poll(() => panel.getByTestId('queue-entry').count(), { timeout: 15_000 }).toBe(1);
    expect(await panel.getByTestId('queue-entry').textContent()).toMatch(/added by Ben/);
    await expect.poll(() => itemTitles('Poetry Circle')).toHaveLength(1);
    await panel.close();
  });
});
