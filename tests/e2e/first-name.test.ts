/**
 * First sign-in, in real Chromium on the production build: a new member is "New member" to
 * their groups (never their email's local part) and is asked "What should your group call
 * you?" right after the code is accepted, in Options and in the popup; an invisible
 * character is refused with a clear message. And the toolbar's ✓ does not ask the server
 * on a tab switch until the member opts in (Options, Privacy).
 */
import { describe, expect, test } from 'vitest';
import { signInCode, signInMember, tabIdOf } from './harness';
import { useE2e } from './fixtures';

const {
  backend,
  pages,
  members: { dan, cleo },
} = useE2e({ members: ['dan', 'cleo'] });

async function profileOf(email: string): Promise<{ display_name: string; name_set: boolean } | undefined> {
  const rows = await backend.db.query<{ display_name: string; name_set: boolean }>(
    'select p.display_name, p.name_set from app.profiles p join auth.users u on u.id = p.id where u.email = $1',
    [email],
  );
  return rows[0];
}

type Chrome = {
  action: { getBadgeText(d: { tabId: number }): Promise<string> };
  storage: { local: { set(v: object): Promise<void> } };
};

describe('first sign-in asks for a name', () => {
  const danEmail = 'dan.private.person@e2e.test';

  test('Options: after the code, "What should your group call you?"; until then the group sees "New member"', async () => {
    const options = await signInMember(dan, backend, danEmail);
    const step = options.getByTestId('name-step');
    await step.waitFor({ timeout: 15_000 });
    expect(await profileOf(danEmail)).toEqual({ display_name: 'New member', name_set: false });

    const field = options.getByLabel('What should your group call you?');
    await field.fill('Dan\u200B');
    await step.getByRole('button', { name: 'Save name' }).click();
    await expect.poll(() => step.getByRole('alert').textContent()).toMatch(/cannot hold invisible characters/);
    expect(await profileOf(danEmail)).toEqual({ display_name: 'New member', name_set: false });

    await field.fill('Dana');
    await step.getByRole('button', { name: 'Save name' }).click();
    await expect.poll(() => step.count()).toBe(0);
    expect(await profileOf(danEmail)).toEqual({ display_name: 'Dana', name_set: true });
    await expect.poll(() => options.getByLabel('Display name').inputValue()).toBe('Dana');

    // Signed in again later, nothing is asked.
    await options.reload();
    await options.getByLabel('Display name').waitFor();
    await expect.poll(() => options.getByLabel('Display name').inputValue()).toBe('Dana');
    expect(await options.getByTestId('name-step').count()).toBe(0);
  });

  test('popup: the same step right after signing in there', async () => {
    const email = 'cleo.someone@e2e.test';
    const options = await cleo.open('options.html');
    await options.getByLabel('Backend URL').fill(backend.url);
    await options.getByLabel('Public key').fill(backend.publishableKey);
    await options.getByRole('button', { name: 'Save backend' }).click();
    await expect.poll(() => options.getByText('Saved.').count()).toBeGreaterThan(0);
    await options.close();

    const popup = await cleo.open('popup.html');
    await popup.getByLabel('Email').fill(email);
    const before = await signInCode(backend, email);
    await popup.getByRole('button', { name: 'Send code' }).click();
    await expect.poll(() => signInCode(backend, email), { timeout: 15_000 }).not.toBe(before);
    await popup.getByLabel('Sign-in code').fill(await signInCode(backend, email));
    await popup.getByRole('button', { name: 'Sign in' }).click();

    const step = popup.getByTestId('name-step');
    await step.waitFor({ timeout: 15_000 });
    expect(await profileOf(email)).toEqual({ display_name: 'New member', name_set: false });
    await popup.getByLabel('What should your group call you?').fill('Cleo');
    await step.getByRole('button', { name: 'Save name' }).click();
    await expect.poll(() => step.count()).toBe(0);
    expect(await profileOf(email)).toEqual({ display_name: 'Cleo', name_set: true });
    await popup.close();
  });
});

describe("the toolbar's ✓ on a tab switch is opt-in", () => {
  test('off by default: a saved page shows no ✓ on a tab switch; switched on in Options, it does', async () => {
    const userId = (await backend.db.query<{ id: string }>("select id from auth.users where email = 'dan.private.person@e2e.test'"))[0]!.id;
    const groupId = (
      await backend.db.query<{ id: string }>("insert into app.groups (name, created_by) values ('Private Readers', $1) returning id", [
        userId,
      ])
    )[0]!.id;
    const url = `${pages.url}/article.html`;
    await backend.db.query(
      `insert into app.items (group_id, client_id, kind, url, title, text_length, added_by)
       values ($1, gen_random_uuid(), 'link', $2, 'Reading circles', 0, $3)`,
      [groupId, url, userId],
    );
    await dan.worker.evaluate((id) => (globalThis as unknown as { chrome: Chrome }).chrome.storage.local.set({ lastGroupId: id }), groupId);

    const page = await dan.context.newPage();
    await page.goto(url);
    const tabId = await tabIdOf(dan, page.url());
    await page.bringToFront();
    const check = () =>
      dan.worker.evaluate(
        (id) => (globalThis as unknown as { readclub: { checkSaved(id: number): Promise<string> } }).readclub.checkSaved(id),
        tabId,
      );
    const badge = () =>
      dan.worker.evaluate((id) => (globalThis as unknown as { chrome: Chrome }).chrome.action.getBadgeText({ tabId: id }), tabId);
    expect(await check()).toBe('unknown'); // nothing asked
    expect(await badge()).toBe('');

    const options = await dan.open('options.html');
    const box = options.getByRole('checkbox', { name: /every tab I switch to/ });
    expect(await options.getByText(/SHA-256 hash of the page's address/).count()).toBe(1);
    expect(await box.isChecked()).toBe(false);
    await box.check();
    await page.bringToFront();
    await expect.poll(() => check(), { timeout: 15_000 }).toBe('saved');
    await expect.poll(() => badge()).toBe('✓');
    await Promise.all([page.close(), options.close()]);
  });
});
