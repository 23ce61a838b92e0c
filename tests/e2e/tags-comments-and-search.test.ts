/**
 * Discussion in real Chromium on the production build, two members: tags (add with the
 * group's suggestions, remove, filter the library, an owner renames one), comments (a reply,
 * an edit, a delete that keeps the thread, a 100 KB comment refused), the reader view and
 * search; a long discussion in pages (earlier ones on request, an edit there, a live comment);
 * axe finds no serious accessibility problem in the side panel's library, item and reader views.
 */
import { describe, expect, test } from 'vitest';
import type { Page } from 'playwright-core';
import { tabIdOf, type Browser } from './harness';
import { axeProblems } from './axe';
import { shareGroup, useE2e } from './fixtures';

const {
  backend,
  pages,
  members: { ada, ben },
  sql,
} = useE2e({ members: ['ada', 'ben'] });

async function clip(browser: Browser, file: string, tags: string): Promise<void> {
  const url = `${pages.url}/${file}`;
  const page = await browser.context.newPage();
  await page.goto(url);
  const popup = await browser.open(`popup.html?tabId=${await tabIdOf(browser, url)}`);
  const save = popup.getByRole('button', { name: /^Save to Talk Circle/ });
  await save.waitFor({ timeout: 15_000 });
  await popup.getByLabel('Tags', { exact: true }).fill(tags);
  await save.click();
  await popup
    .getByText(/Saved (“.*” )?to Talk Circle|Added to Talk Circle|Already in Talk Circle/)
    .first()
    .waitFor({ timeout: 15_000 });
  await Promise.all([page.close(), popup.close()]);
}

/** The side panel's Library tab. */
async function library(browser: Browser): Promise<Page> {
  const panel = await browser.open('sidepanel.html');
  await panel.getByRole('tab', { name: /Library/ }).click();
  await panel.getByTestId('library-entry').first().waitFor({ timeout: 15_000 });
  return panel;
}

describe('discussion: tags, comments, reader, search', () => {
  test('Ada makes "Talk Circle", Ben joins, Ada clips two articles with tags', async () => {
    const { ownerOptions: options, memberOptions: benOptions } = await shareGroup(backend, 'Talk Circle', {
      owner: [ada, 'ada@talk.test'],
      member: [ben, 'ben@talk.test'],
      via: 'rpc',
    });
    await clip(ada, 'article.html', 'leadership, essay');
    await clip(ada, 'windows-1252-article.html', 'Remote Work');
    await Promise.all([options.close(), benOptions.close()]);
  });

  test("Ben, in the popup: the group's tags are suggested with counts; he adds one and removes one", async () => {
    const url = `${pages.url}/article.html`;
    const page = await ben.context.newPage();
    await page.goto(url);
    const popup = await ben.open(`popup.html?tabId=${await tabIdOf(ben, url)}`);
    const existing = popup.getByRole('article', { name: 'Already saved' });
    await existing.waitFor({ timeout: 15_000 });
    await popup.getByLabel('Add tags').fill('rem');
    await popup.getByRole('button', { name: 'remote work (1)' }).click();
    expect(await popup.getByLabel('Add tags').inputValue()).toBe('remote work, ');
    await popup.getByRole('button', { name: 'Add tags' }).click();
    const tags = existing.getByRole('list', { name: 'Tags' });
    await expect.poll(() => tags.textContent()).toBe('essay×leadership×remote work×');
    await popup.getByRole('button', { name: 'Remove tag essay' }).click();
    await expect.poll(() => tags.textContent()).toBe('leadership×remote work×');
    // A tag of HTML is refused with a reason before anything is sent.
    await popup.getByLabel('Add tags').fill('<b>bold</b>');
    await popup.getByRole('button', { name: 'Add tags' }).click();
    await expect.poll(() => popup.getByRole('alert').first().textContent()).toMatch(/plain text/);
    await Promise.all([page.close(), popup.close()]);
  });

  test('the library filters by tag; Ada (owner) renames the tag across the group; Ben sees the new name', async () => {
    const panel = await library(ben);
    await expect.poll(() => panel.getByTestId('library-entry').count()).toBe(2);
    await panel.getByLabel('Filter by tag').selectOption('leadership');
    await expect.poll(() => panel.getByTestId('library-entry').count()).toBe(1);
    expect(await panel.getByLabel('Rename “leadership” to').count()).toBe(0); // Ben is a member
    await panel.getByLabel('Filter by tag').selectOption('remote work');
    await expect.poll(() => panel.getByTestId('library-entry').count()).toBe(2);

    const adaPanel = await library(ada);
    await adaPanel.getByLabel('Filter by tag').selectOption('remote work');
    await adaPanel.getByLabel('Rename “remote work” to').fill('Remote');
    await adaPanel.getByRole('button', { name: 'Rename' }).click();
    await adaPanel.getByText('Renamed “remote work” to “remote” on 2 items.').waitFor();
    await expect.poll(() => adaPanel.getByTestId('library-entry').count()).toBe(2);
    await adaPanel.close();

    await panel.reload();
    await panel.getByRole('tab', { name: /Library/ }).click();
    await expect.poll(() => panel.getByLabel('Filter by tag').textContent()).toMatch(/remote \(2\)/);
    expect(await panel.getByLabel('Filter by tag').textContent()).not.toMatch(/remote work/);
    await panel.close();
  });

  test('comments: Ada writes with a link and emphasis, Ben replies and edits, Ada deletes hers and the thread stays', async () => {
    const adaPanel = await library(ada);
    const entry = adaPanel.getByTestId('library-entry').filter({ hasText: /Reading Circles/ });
    await entry.getByRole('button', { name: /comments?:/ }).click();
    await adaPanel.getByLabel('Add a comment').fill('Section *two* matters, see https://example.org/notes.');
    await adaPanel.getByRole('button', { name: 'Comment' }).click();
    const top = adaPanel.getByTestId('comment').first();
    await expect.poll(() => top.locator('em').textContent()).toBe('two');
    expect(await top.getByRole('link', { name: 'https://example.org/notes' }).getAttribute('rel')).toBe('noopener noreferrer nofollow');

    const benPanel = await library(ben);
    await benPanel
      .getByTestId('library-entry')
      .filter({ hasText: /Reading Circles/ })
      .getByRole('button', { name: /comments?:/ })
      .click();
    await benPanel.getByTestId('comment').first().getByRole('button', { name: 'Reply' }).click();
    await benPanel.getByLabel(/^Reply to /).fill('Agreed');
    await benPanel.getByRole('button', { name: 'Send reply' }).click();
    const reply = benPanel.getByTestId('reply');
    await expect.poll(() => reply.textContent()).toMatch(/Agreed/);
    await reply.getByRole('button', { name: 'Edit' }).click();
    await benPanel.getByLabel('Edit your comment').fill('Agreed, mostly');
    await benPanel.getByRole('button', { name: 'Save' }).click();
    await expect.poll(() => reply.textContent()).toMatch(/edited.*Agreed, mostly/);
    // Ben may not edit or delete Ada's comment.
    expect(
      await benPanel.getByTestId('comment').first().locator(':scope > .comment-actions').getByRole('button', { name: 'Edit' }).count(),
    ).toBe(0);

    // A 100 KB comment: the counter says so, and the comment is refused with the reason.
    await benPanel.getByLabel('Add a comment').fill('x'.repeat(102_400));
    await expect.poll(() => benPanel.locator('#add-comment-count').textContent()).toBe('102,400 / 4,000 — too long');
    await benPanel.getByRole('button', { name: 'Comment' }).click();
    await expect.poll(() => benPanel.getByRole('alert').first().textContent()).toMatch(/at most 4,000 characters; this one has 102,400/);
    await benPanel.getByLabel('Add a comment').fill('');
    await benPanel.getByRole('button', { name: 'Comment' }).click();
    await expect.poll(() => benPanel.getByRole('alert').first().textContent()).toBe('Write something first.');

    await adaPanel.reload();
    await adaPanel.getByRole('tab', { name: /Library/ }).click();
    await adaPanel
      .getByTestId('library-entry')
      .filter({ hasText: /Reading Circles/ })
      .getByRole('button', { name: /comments?:/ })
      .click();
    await adaPanel.getByTestId('reply').waitFor();
    await adaPanel.getByTestId('comment').first().getByRole('button', { name: 'Delete' }).first().click();
    await adaPanel.getByRole('button', { name: 'Yes, delete' }).click();
    await expect.poll(() => adaPanel.getByTestId('comment').first().textContent()).toMatch(/^This comment was deleted\..*Agreed, mostly/);
    expect(await axeProblems(adaPanel)).toEqual([]);
    await adaPanel.close();

    await benPanel.reload();
    await benPanel.getByRole('tab', { name: /Library/ }).click();
    await benPanel
      .getByTestId('library-entry')
      .filter({ hasText: /Reading Circles/ })
      .getByRole('button', { name: /comments?:/ })
      .click();
    await expect.poll(() => benPanel.getByTestId('comment').first().textContent()).toMatch(/This comment was deleted\./);
    await benPanel.close();
  });

  test('reader view: Ben reads the clipped copy in the panel, with the comments below it', async () => {
    const panel = await library(ben);
    await panel.getByRole('button', { name: /^Read Why Reading Circles/ }).click();
    const copy = panel.getByTestId('reader-content');
    await expect.poll(() => copy.textContent(), { timeout: 15_000 }).toMatch(/Most book clubs die in their second winter/);
    expect(await copy.locator('script, [onerror], [onclick]').count()).toBe(0);
    await expect.poll(() => panel.getByTestId('reply').textContent()).toMatch(/Agreed, mostly/);
    expect(await axeProblems(panel)).toEqual([]);
    await panel.close();
  });

  test('search: words of the text, a comment and a tag find the item; a missing word finds nothing', async () => {
    const panel = await library(ben);
    const box = panel.getByRole('searchbox', { name: 'Search the library' });
    for (const [words, count] of [
      ['second winter', 1],
      ['mostly', 1],
      ['remote', 2],
      ['zebra', 0],
    ] as const) {
      await box.fill(words);
      await panel.getByRole('search').getByRole('button', { name: 'Search', exact: true }).click();
      await panel.getByText(`${count} found for “${words}”`).waitFor({ timeout: 15_000 });
      await expect.poll(() => panel.getByTestId('library-entry').count()).toBe(count);
    }
    await panel.getByText('Nothing in the library matches “zebra”.').waitFor();
    expect(await axeProblems(panel)).toEqual([]);
    await panel.close();
  });
  test('a long discussion opens with its latest 50 top comments; earlier pages come on request, stay current and take a live comment', async () => {
    // 110 more top comments by Ben, older than the thread so far.
    await sql(
      `insert into app.comments (item_id, group_id, author_id, body, created_at)
       select i.id, i.group_id, (select id from auth.users where email = 'ben@talk.test'), 'Thread comment ' || n,
              now() - make_interval(mins => 200 - n)
         from app.items as i, generate_series(1, 110) as n
        where i.title like 'Why Reading Circles%'`,
    );
    const panel = await library(ben);
    await panel
      .getByTestId('library-entry')
      .filter({ hasText: /Reading Circles/ })
      .getByRole('button', { name: /comments?:/ })
      .click();
    const tops = panel.getByTestId('comment');
    await expect.poll(() => tops.count(), { timeout: 15_000 }).toBe(50);
    await panel.getByRole('button', { name: 'Show 50 earlier comments (61 not shown)' }).click();
    await expect.poll(() => tops.count()).toBe(100);
    await panel.getByRole('button', { name: 'Show 11 earlier comments (11 not shown)' }).click();
    await expect.poll(() => tops.count()).toBe(111);
    expect(await tops.first().locator('.comment-body').textContent()).toBe('Thread comment 1');
    expect(await panel.getByRole('button', { name: /earlier comments/ }).count()).toBe(0);
    expect(await axeProblems(panel)).toEqual([]);

    // Ben edits a comment of the oldest page: it shows edited, every page still drawn.
    const fifth = tops.nth(4);
    await fifth.getByRole('button', { name: 'Edit' }).click();
    await panel.getByLabel('Edit your comment').fill('Thread comment 5, said better');
    await panel.getByRole('button', { name: 'Save' }).click();
    await expect.poll(() => fifth.textContent()).toMatch(/edited.*Thread comment 5, said better/);
    expect(await tops.count()).toBe(111);

    // Ada comments: it reaches Ben's panel live, after the 111 already drawn.
    const adaPanel = await library(ada);
    await adaPanel
      .getByTestId('library-entry')
      .filter({ hasText: /Reading Circles/ })
      .getByRole('button', { name: /comments?:/ })
      .click();
    await adaPanel.getByLabel('Add a comment').fill('Late to this one.');
    await adaPanel.getByRole('button', { name: 'Comment', exact: true }).click();
    await expect.poll(() => tops.count(), { timeout: 20_000 }).toBe(112);
    expect(await tops.last().textContent()).toMatch(/Late to this one\./);
    expect(await tops.first().locator('.comment-body').textContent()).toBe('Thread comment 1');
    await Promise.all([panel.close(), adaPanel.close()]);
  });
});
