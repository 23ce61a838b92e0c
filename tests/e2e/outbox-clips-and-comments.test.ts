/**
 * The outbox in real Chromium on the production build: a save whose session was
 * revoked is kept and arrives once after signing in again; with the backend stopped, a clip
 * and a comment are kept and arrive once after it is back (same port, same database); a clip
 * kept for one member is only counted after they sign out and while another member is signed in.
 */
import { describe, expect, test } from 'vitest';
import type { Page } from 'playwright-core';
import { tabIdOf } from './harness';
import { createGroup, signInMember, useE2e } from './fixtures';

const e2e = useE2e({ members: ['ada'], persistent: true });
const {
  backend,
  pages,
  count,
  members: { ada },
} = e2e;
const EMAIL = 'ada@outbox.test';

const items = (title: string) => count('select count(*)::int as n from app.items where title like $1', [title]);
const comments = (body: string) => count('select count(*)::int as n from app.comments where body = $1', [body]);

/** The stored session, as the background keeps it. */
async function storedSession(): Promise<{ access_token: string; expires_at: number } & Record<string, unknown>> {
  const raw = await ada.worker.evaluate(async () => {
    const api = (globalThis as unknown as { chrome: { storage: { local: { get(k: string): Promise<Record<string, string>> } } } }).chrome;
    return (await api.storage.local.get('readclub-auth'))['readclub-auth'];
  });
  return JSON.parse(raw!);
}

async function openPopupFor(pageUrl: string): Promise<Page> {
  const page = await ada.context.newPage();
  await page.goto(pageUrl);
  return ada.open(`popup.html?tabId=${await tabIdOf(ada, pageUrl)}`);
}

describe('the outbox keeps what could not be sent and delivers it once', () => {
  test('Ada signs in and creates a group', async () => {
    const options = await signInMember(ada, backend, EMAIL);
    await createGroup(options, 'Night Readers');
    await options.close();
  });

  // Regression: a save whose session had ended sent the popup to sign-in and the clip was lost.
  test('session revoked: the save is kept, and arrives once after signing in again', async () => {
    const popup = await openPopupFor(`${pages.url}/article.html`);
    await popup.getByLabel('Comment').fill('Kept through a sign-in.');
    await popup.getByRole('button', { name: /^Save to Night Readers/ }).waitFor();
    // The session ends on the server (sign-out everywhere) and the access token has expired,
    // so the next call must refresh, and the refresh is refused.
    const session = await storedSession();
    const out = await fetch(`${backend.url}/auth/v1/logout?scope=global`, {
      method: 'POST',
      headers: { apikey: backend.anonKey, authorization: `Bearer ${session.access_token}` },
    });
    expect(out.status).toBe(204);
    const expired = JSON.stringify({ ...session, expires_at: Math.floor(Date.now() / 1000) - 60 });
    await ada.worker.evaluate(async (value: string) => {
      const api = (globalThis as unknown as { chrome: { storage: { local: { set(v: object): Promise<void> } } } }).chrome;
      await api.storage.local.set({ 'readclub-auth': value });
    }, expired);

    await popup.getByRole('button', { name: /^Save to Night Readers/ }).click();
    // Kept on this device: the popup says so (it may already show sign-in, with the waiting list).
    await expect
      .poll(() => popup.getByText(/after you sign in again|Waits for you to sign in again/).count(), { timeout: 15_000 })
      .toBeGreaterThan(0);
    await expect.poll(() => popup.getByRole('heading', { name: 'Waiting to send (1)' }).count()).toBe(1);
    expect(await items('Why Reading Circles Outlast Book Clubs')).toBe(0);

    const options = await signInMember(ada, backend, EMAIL);
    await expect.poll(() => items('Why Reading Circles Outlast Book Clubs'), { timeout: 15_000 }).toBe(1);
    expect(await comments('Kept through a sign-in.')).toBe(1);
    await expect.poll(() => options.getByRole('heading', { name: /Waiting to send/ }).count()).toBe(0);
    await Promise.all([popup.close(), options.close()]);
  });

  test('backend down: a clip and a comment are kept, and arrive once when it is back', async () => {
    // Ready before the server goes: the item's discussion, and a popup on a second article.
    const panel = await ada.open('sidepanel.html');
    await panel
      .getByTestId('queue-entry')
      .filter({ hasText: /Reading Circles/ })
      .click();
    await panel.getByLabel('Add a comment').waitFor();
    const popup = await openPopupFor(`${pages.url}/windows-1252-article.html`);
    await popup.getByRole('button', { name: /^Save to Night Readers/ }).waitFor();

    await e2e.stopBackend();
    await popup.getByLabel('Comment').fill('Un bon café.');
    await popup.getByRole('button', { name: /^Save to Night Readers/ }).click();
    await expect.poll(() => popup.getByText(/when it can reach the server/).count(), { timeout: 15_000 }).toBeGreaterThan(0);
    await panel.getByLabel('Add a comment').fill('Written while the server was away.');
    await panel.getByRole('button', { name: 'Comment' }).click();
    await expect.poll(() => panel.getByText(/Saved on this device/).count(), { timeout: 15_000 }).toBeGreaterThan(0);
    await expect.poll(() => popup.getByRole('heading', { name: 'Waiting to send (2)' }).count()).toBe(1);

    await e2e.restartBackend();
    // What the outbox's alarm calls (the alarm itself waits 30 s at least).
    const deliver = () =>
      ada.worker.evaluate(() =>
        (globalThis as unknown as { readclub: { deliverOutbox(force: boolean): Promise<void> } }).readclub.deliverOutbox(true),
      );
    await deliver();
    await expect.poll(() => popup.getByRole('heading', { name: /Waiting to send/ }).count(), { timeout: 15_000 }).toBe(0);
    await deliver();
    // The fixture server calls every page UTF-8, so this one's accents arrive mangled: match the start.
    expect(await items('Le caf%')).toBe(1);
    expect(await comments('Un bon café.')).toBe(1);
    expect(await comments('Written while the server was away.')).toBe(1);
    await Promise.all([popup.close(), panel.close()]);
  });

  // Regression: on a shared browser the next person saw Ada's kept clip by its title (and could discard it).
  test('a clip kept for Ada is counted, never named, after she signs out and while Ben is signed in, and is sent when Ada is back', async () => {
    const before = await count('select count(*)::int as n from app.items', []);
    const popup = await openPopupFor(`${pages.url}/shift-jis-article.html`);
    const save = popup.getByRole('button', { name: /^Save to Night Readers/ });
    await save.waitFor();
    await e2e.stopBackend();
    await save.click();
    await popup.getByRole('heading', { name: 'Waiting to send (1)' }).waitFor({ timeout: 15_000 });
    const kept = (await popup.getByTestId('outbox-entry').locator('strong').textContent())!;
    await popup.getByRole('button', { name: 'Sign out' }).click();
    await popup.getByRole('button', { name: 'Send code' }).waitFor();
    // Signed out on purpose: whoever uses the browser next sees a count, not Ada's title.
    await popup.getByTestId('outbox-others').waitFor();
    expect(await popup.getByText(kept).count()).toBe(0);
    await popup.close();
    await e2e.restartBackend();

    const ben = await signInMember(ada, backend, 'ben@outbox.test');
    await ben.getByTestId('outbox-others').waitFor();
    expect(await ben.getByTestId('outbox-others').textContent()).toBe(
      '1 change waits on this browser until the member who made it signs in.',
    );
    expect(await ben.getByText(kept).count()).toBe(0);
    expect(await ben.getByRole('button', { name: /^Discard/ }).count()).toBe(0);
    expect(await count('select count(*)::int as n from app.items', [])).toBe(before);
    await ben.getByRole('button', { name: 'Sign out' }).click();
    await ben.getByRole('button', { name: 'Send code' }).waitFor();
    await ben.close();

    const again = await signInMember(ada, backend, EMAIL);
    await expect.poll(() => count('select count(*)::int as n from app.items', []), { timeout: 15_000 }).toBe(before + 1);
    await expect.poll(() => again.getByTestId('outbox-others').count()).toBe(0);
    await again.close();
  });
});
