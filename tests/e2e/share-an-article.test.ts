/**
 * Two members share a clipped article, in real Chromium on the production build: Ada signs
 * in, creates a group, clips a page with a tag, a comment and "queue for discussion" (kept in
 * the outbox while the backend is unreachable), and sees it at the end of the queue; Ben
 * joins with Ada's invite code, sees the item and comments; Ada sees Ben's comment.
 */
import { describe, expect, test } from 'vitest';
import type { Page } from 'playwright-core';
import { signInCode, tabIdOf, type Browser } from './harness';
import { createGroup, createInvite, joinGroup, signInMember, useE2e } from './fixtures';

const {
  backend,
  pages,
  members: { ada, ben },
} = useE2e({ members: ['ada', 'ben'] });

/** Clicks "Send code" and waits for the new code: each send replaces the last. */
async function freshCode(page: Page, email: string): Promise<string> {
  const before = await signInCode(backend, email);
  await page.getByRole('button', { name: 'Send code' }).click();
  await expect.poll(() => signInCode(backend, email), { timeout: 15_000 }).not.toBe(before);
  return signInCode(backend, email);
}

async function openPopupFor(browser: Browser, pageUrl: string): Promise<{ page: Page; popup: Page }> {
  const page = await browser.context.newPage();
  await page.goto(pageUrl);
  const popup = await browser.open(`popup.html?tabId=${await tabIdOf(browser, pageUrl)}`);
  return { page, popup };
}

describe('two members share a clipped article', () => {
  let inviteCode = '';
  const articleUrl = () => `${pages.url}/article.html`;

  test('Ada signs in and creates a group', async () => {
    const options = await signInMember(ada, backend, 'ada@e2e.test');
    // First sign-in: her group sees "New member" until she says what to call her.
    await options.getByLabel('What should your group call you?').fill('Ada');
    await options.getByRole('button', { name: 'Save name' }).click();
    await expect.poll(() => options.getByTestId('name-step').count()).toBe(0);
    await createGroup(options, 'Thursday Circle');
    inviteCode = (await createInvite(options)).code;
  });

  test('a wrong sign-in code gets a clear message', async () => {
    const options = await ben.open('options.html');
    await options.getByLabel('Backend URL').fill(backend.url);
    await options.getByLabel('Public key').fill(backend.publishableKey);
    await options.getByRole('button', { name: 'Save backend' }).click();
    await options.getByLabel('Email').fill('ben@e2e.test');
    const real = await freshCode(options, 'ben@e2e.test');
    await options.getByLabel('Sign-in code').fill(real === '000000' ? '111111' : '000000');
    await options.getByRole('button', { name: 'Sign in' }).click();
    await expect.poll(() => options.getByText(/wrong or has expired/i).count()).toBeGreaterThan(0);
    await options.close();
  });

  test('a page Readability cannot read says so and offers a link', async () => {
    const { page, popup } = await openPopupFor(ada, `${pages.url}/not-an-article.html`);
    await expect.poll(() => popup.getByText(/could not find an article/i).count()).toBeGreaterThan(0);
    await expect(popup.getByRole('button', { name: 'Save as link' }).isVisible()).resolves.toBe(true);
    await Promise.all([page.close(), popup.close()]);
  });

  test('Ada clips the article with a tag, a comment and a queue entry', async () => {
    const { popup } = await openPopupFor(ada, articleUrl());
    await expect.poll(() => popup.getByRole('heading', { name: /Reading Circles/i }).count()).toBeGreaterThan(0);
    await popup.getByLabel('Tags', { exact: true }).fill('leadership');
    await popup.getByLabel('Comment').fill('Worth an hour on Thursday.');
    await expect(popup.getByLabel('Queue for discussion').isChecked()).resolves.toBe(true);
    // First attempt: the backend is unreachable. The clip and everything typed wait in the
    // outbox, which says so, and go once the server answers again.
    const rpc = '**/rest/v1/rpc/clip_item';
    await ada.context.route(rpc, (route) => route.abort('connectionrefused'));
    await popup.getByRole('button', { name: /^Save to Thursday Circle/ }).click();
    await expect.poll(() => popup.getByText(/Saved on this device/).count()).toBeGreaterThan(0);
    await expect.poll(() => popup.getByRole('heading', { name: 'Waiting to send (1)' }).count()).toBe(1);
    await ada.context.unroute(rpc);
    await popup.getByRole('button', { name: /^Retry sending/ }).click();
    await expect.poll(() => popup.getByRole('heading', { name: /Waiting to send/ }).count(), { timeout: 15_000 }).toBe(0);
    await popup.close();
  });

  test('the side panel shows it at the end of the queue with tag, comments, time and clipper', async () => {
    const panel = await ada.open('sidepanel.html');
    const entry = panel.getByTestId('queue-entry').last();
    await expect.poll(() => entry.textContent(), { timeout: 15_000 }).toMatch(/Reading Circles/);
    const text = (await entry.textContent()) ?? '';
    expect(text).toMatch(/leadership/);
    expect(text).toMatch(/1 comment/);
    expect(text).toMatch(/\d+ min read/);
    expect(text).toMatch(/added by Ada/);
    await panel.close();
  });

  test('Ben joins with the invite code, sees the item and comments on it', async () => {
    const options = await signInMember(ben, backend, 'ben@e2e.test');
    await joinGroup(options, inviteCode, 'Thursday Circle');
    const panel = await ben.open('sidepanel.html');
    const entry = panel.getByTestId('queue-entry').filter({ hasText: /Reading Circles/ });
    await expect.poll(() => entry.count(), { timeout: 15_000 }).toBe(1);
    await entry.click();
    await panel.getByLabel('Add a comment').fill('Section two changed my mind.');
    await panel.getByRole('button', { name: 'Comment' }).click();
    await expect.poll(() => panel.getByTestId('comment').count()).toBe(2);
  });

  test("Ada sees Ben's comment", async () => {
    const panel = await ada.open('sidepanel.html');
    const entry = panel.getByTestId('queue-entry').filter({ hasText: /Reading Circles/ });
    await expect.poll(() => entry.textContent(), { timeout: 15_000 }).toMatch(/2 comments/);
    await entry.click();
    await expect.poll(() => panel.getByText('Section two changed my mind.').count()).toBe(1);
  });
});
