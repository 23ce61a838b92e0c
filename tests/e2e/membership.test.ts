/**
 * Issue 4 in real Chromium on the production build (three members, three profiles):
 * Ada creates a group and an invite; Ben names himself, previews the invite from its
 * link and joins; Cleo joins by code; Ada makes Ben an admin and removes Cleo, whose
 * side panel then says she is no longer a member; Ben leaves; Ada deletes the group
 * after typing its name.
 */
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { Page } from 'playwright-core';
import { launchBrowser, signInMember, type Browser } from './harness';
import { startLocalBackend } from '../../supabase/local/index';

type Backend = Awaited<ReturnType<typeof startLocalBackend>>;
let backend: Backend;
let ada: Browser;
let ben: Browser;
let cleo: Browser;
let adaOptions: Page;
let inviteLink = '';
let inviteCode = '';

beforeAll(async () => {
  backend = await startLocalBackend({ port: 0, memory: true, seed: false, log: () => {} });
  [ada, ben, cleo] = await Promise.all([launchBrowser(), launchBrowser(), launchBrowser()]);
});

afterAll(async () => {
  await Promise.allSettled([ada?.close(), ben?.close(), cleo?.close()]);
  await backend?.stop();
});

async function role(email: string): Promise<string | undefined> {
  const rows = await backend.db.query(
    `select m.role from app.group_members m join auth.users u on u.id = m.user_id where u.email = '${email}'`,
  );
  return (rows[0] as { role?: string } | undefined)?.role;
}

/** A member's options page, signed in, display name set. */
async function member(browser: Browser, email: string, name: string): Promise<Page> {
  const options = await signInMember(browser, backend, email);
  await options.getByLabel('Display name').fill(name);
  await options.getByRole('button', { name: 'Save profile' }).click();
  await options.getByText(`Your group sees you as ${name}.`).waitFor();
  return options;
}

async function join(options: Page, code: string) {
  await options.getByLabel('Invite code').last().fill(code);
  await options.getByRole('button', { name: 'Join group' }).click();
  await options.getByRole('button', { name: 'Join Thursday Circle' }).click();
  await options.getByText('You joined Thursday Circle.').waitFor();
}

describe('membership', () => {
  test('Ada creates a group and an invite for 30 days, at most 5 uses', async () => {
    adaOptions = await member(ada, 'ada@e2e.test', 'Ada');
    await adaOptions.getByLabel('Group name').fill('Thursday Circle');
    await adaOptions.getByRole('button', { name: 'Create group' }).click();
    await adaOptions.getByRole('button', { name: 'Invite' }).first().click();
    await adaOptions.getByLabel('Invite lasts').selectOption('30');
    await adaOptions.getByLabel('Most uses (optional)').fill('5');
    await adaOptions.getByRole('button', { name: 'Create invite' }).click();
    const code = adaOptions.getByLabel('Invite code');
    await expect.poll(() => code.inputValue()).not.toBe('');
    inviteCode = await code.inputValue();
    inviteLink = await adaOptions.getByLabel('Invite link').inputValue();
    expect(inviteLink.endsWith(`#join=${encodeURIComponent(inviteCode)}`)).toBe(true);
    const open = adaOptions.getByRole('list', { name: 'Open invites' });
    await expect.poll(() => open.textContent()).toMatch(/0 of 5 uses/);
  });

  test('Ben previews the invite from its link and joins', async () => {
    const options = await member(ben, 'ben@e2e.test', 'Ben');
    await options.getByLabel('Invite code').last().fill(inviteLink);
    await options.getByRole('button', { name: 'Join group' }).click();
    await options.getByText('1 member', { exact: true }).waitFor();
    await options.getByRole('button', { name: 'Join Thursday Circle' }).click();
    await options.getByText('You joined Thursday Circle.').waitFor();
    expect(await role('ben@e2e.test')).toBe('member');
    await options.close();
  });

  test('a wrong code gets a clear message', async () => {
    const options = await member(cleo, 'cleo@e2e.test', 'Cleo');
    await options.getByLabel('Invite code').last().fill('WRONG-CODE-1234');
    await options.getByRole('button', { name: 'Join group' }).click();
    expect(await options.getByRole('alert').textContent()).toContain('That invite code is not valid.');
    await join(options, inviteCode);
    await options.close();
  });

  test('Ada makes Ben an admin and removes Cleo; Cleo is told she is no longer a member', async () => {
    const panel = await cleo.open('sidepanel.html');
    await expect.poll(() => panel.getByLabel('Group', { exact: true }).inputValue()).not.toBe('');
    await adaOptions.reload();
    await adaOptions.getByRole('button', { name: 'Members' }).click();
    await adaOptions.getByLabel('Role for Ben').selectOption('admin');
    await expect.poll(() => role('ben@e2e.test')).toBe('admin');
    await adaOptions.getByRole('button', { name: 'Remove Cleo' }).click();
    await expect.poll(() => role('cleo@e2e.test')).toBeUndefined();
    await panel.reload();
    await expect.poll(() => panel.getByRole('alert').textContent(), { timeout: 15_000 }).toMatch(/no longer a member of Thursday Circle/);
  });

  test('Ben leaves; Ada deletes the group after typing its name', async () => {
    const options = await ben.open('options.html');
    await options.getByRole('button', { name: 'Members' }).click();
    await options.getByRole('button', { name: 'Leave group' }).click();
    await options.getByRole('button', { name: 'Yes, leave Thursday Circle' }).click();
    await expect.poll(() => role('ben@e2e.test')).toBeUndefined();
    await expect.poll(() => options.getByTestId('group').count()).toBe(0);

    await adaOptions.reload();
    await adaOptions.getByRole('button', { name: 'Settings' }).click();
    const del = adaOptions.getByRole('button', { name: 'Delete group' });
    await adaOptions.getByLabel(/to delete the group/).fill('Thursday');
    expect(await del.isDisabled()).toBe(true);
    await adaOptions.getByLabel(/to delete the group/).fill('Thursday Circle');
    await del.click();
    await expect.poll(() => adaOptions.getByTestId('group').count()).toBe(0);
    expect(await backend.db.query(`select 1 from app.groups where name = 'Thursday Circle'`)).toHaveLength(0);
  });
});
