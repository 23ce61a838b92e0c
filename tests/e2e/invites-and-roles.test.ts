/**
 * Invites and roles in real Chromium on the production build (three members, three
 * profiles): Ada creates a group and an invite; Ben names himself, pastes the whole invitation
 * message, previews the group and joins; Cleo joins by code; Ada makes Ben an admin and removes Cleo, whose
 * side panel then says she is no longer a member; Ben leaves; Ada deletes the group after
 * typing its name.
 */
import { describe, expect, test } from 'vitest';
import type { Page } from 'playwright-core';
import type { Browser } from './harness';
import { createGroup, createInvite, joinGroup, signInMember, useE2e } from './fixtures';

const {
  backend,
  sql,
  members: { ada, ben, cleo },
} = useE2e({ members: ['ada', 'ben', 'cleo'] });
let adaOptions: Page;
let inviteMessage = '';
let inviteCode = '';

async function role(email: string): Promise<string | undefined> {
  const rows = await sql<{ role: string }>(
    'select m.role from app.group_members m join auth.users u on u.id = m.user_id where u.email = $1',
    [email],
  );
  return rows[0]?.role;
}

/** A member's options page, signed in, display name set. */
async function member(browser: Browser, email: string, name: string): Promise<Page> {
  const options = await signInMember(browser, backend, email);
  await options.getByLabel('Display name').fill(name);
  await options.getByRole('button', { name: 'Save profile' }).click();
  await options.getByText(`Your group sees you as ${name}.`).waitFor();
  return options;
}

describe('membership', () => {
  test('Ada creates a group and an invite for 30 days, at most 5 uses', async () => {
    adaOptions = await member(ada, 'ada@e2e.test', 'Ada');
    await createGroup(adaOptions, 'Thursday Circle');
    ({ code: inviteCode, message: inviteMessage } = await createInvite(adaOptions, { days: '30', maxUses: '5' }));
    // The group's server is not the build's own: the invitation names it, with its public key.
    expect(inviteMessage).toContain(`Invite code: ${inviteCode}\nServer: ${backend.url}\nServer key: ${backend.publishableKey}`);
    expect(inviteMessage).toMatch(/^Join “Thursday Circle” on Readclub/);
    expect(inviteMessage).toMatch(/\/join#code=/);
    expect(inviteMessage).not.toContain('chrome-extension://');
    const open = adaOptions.getByRole('list', { name: 'Open invites' });
    await expect.poll(() => open.textContent()).toMatch(/0 of 5 uses/);
  });

  test('Ben pastes the whole invitation message, previews the group and joins', async () => {
    const options = await member(ben, 'ben@e2e.test', 'Ben');
    await options.getByLabel('Invitation or invite code').fill(inviteMessage);
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
    await joinGroup(options, inviteCode, 'Thursday Circle');
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
    expect(await sql(`select 1 from app.groups where name = 'Thursday Circle'`)).toHaveLength(0);
  });
});
