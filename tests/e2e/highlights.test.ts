/**
 * Highlights between two members in real Chromium on the production build: Ada selects a
 * passage of the stored copy in the side panel's reader and highlights it with a comment (the
 * Highlight button), and another with the H key; Ben sees the marks and who made them, opens
 * the thread and replies; Ada's reader shows the reply count; the next meeting's agenda lists
 * the passages most discussed first, and its Markdown quotes them under "Passages to discuss".
 * From the live page, Ben's selection is offered as "Highlight selection" in the popup: a
 * passage of the article is marked in the copy, words the copy lacks are listed as an orphan.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, test } from 'vitest';
import type { Page } from 'playwright-core';
import type { Browser } from './harness';
import { tabIdOf } from './harness';
import { axeProblems } from './axe';
import { shareGroup, useE2e } from './fixtures';

const {
  backend,
  pages,
  sql,
  members: { ada, ben },
} = useE2e({ members: ['ada', 'ben'] });

const FIRST = 'forgiveness is what keeps busy adults coming back';
const SECOND = 'The group becomes a way of being surprised on a schedule.';
let adaReader: Page;

/** The side panel on the clipped copy of the group's one item. */
async function reader(browser: Browser): Promise<Page> {
  const panel = await browser.open('sidepanel.html');
  await panel.getByRole('tab', { name: /Library/ }).click();
  const entry = panel.getByTestId('library-entry').first();
  await entry.waitFor({ timeout: 15_000 });
  await entry.getByRole('button', { name: /comment/ }).click();
  await panel.getByRole('button', { name: 'Read the clipped copy' }).click();
  await panel.getByRole('region', { name: 'Article text' }).waitFor({ timeout: 15_000 });
  return panel;
}

/** Selects the first occurrence of `passage` in the reader's article text, as a member's drag would. */
async function select(panel: Page, passage: string): Promise<void> {
  await panel.evaluate((quote) => {
    const root = document.querySelector('[data-testid="reader-content"]')!;
    const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode() as Text | null; node; node = walker.nextNode() as Text | null) {
      const at = node.data.indexOf(quote);
      if (at < 0) continue;
      const range = document.createRange();
      range.setStart(node, at);
      range.setEnd(node, at + quote.length);
      document.getSelection()!.removeAllRanges();
      document.getSelection()!.addRange(range);
      return;
    }
    throw new Error(`not in the copy: ${quote}`);
  }, passage);
}

describe('highlights: mark a passage, discuss it, bring it to the meeting', () => {
  test('Ada and Ben share "Margin Circle"; Ada clips the article (queued)', async () => {
    const { ownerOptions, memberOptions } = await shareGroup(backend, 'Margin Circle', {
      owner: [ada, 'ada@margin.test'],
      member: [ben, 'ben@margin.test'],
      via: 'rpc',
    });
    await sql(`update app.profiles p set display_name = initcap(split_part(u.email, '@', 1)) from auth.users u where u.id = p.id`);
    const url = `${pages.url}/article.html`;
    const page = await ada.context.newPage();
    await page.goto(url);
    const popup = await ada.open(`popup.html?tabId=${await tabIdOf(ada, url)}`);
    const save = popup.getByRole('button', { name: /^Save to Margin Circle/ });
    await save.waitFor({ timeout: 15_000 });
    await save.click();
    await popup
      .getByText(/Saved (“.*” )?to Margin Circle/)
      .first()
      .waitFor({ timeout: 15_000 });
    await Promise.all([page.close(), popup.close(), ownerOptions.close(), memberOptions.close()]);
  });

  test('Ada selects a passage in the reader and highlights it with a comment; another with the H key', async () => {
    adaReader = await reader(ada);
    await select(adaReader, FIRST);
    await adaReader.getByLabel('Comment on this passage (optional)').fill('This is the whole argument.');
    await adaReader.getByRole('button', { name: 'Highlight', exact: true }).click();
    const mark = adaReader.getByRole('button', { name: /^Highlight by Ada, 0 replies: forgiveness/ });
    await mark.waitFor({ timeout: 15_000 });
    expect(await adaReader.locator('mark.highlight').allTextContents()).toEqual([FIRST]);

    await select(adaReader, SECOND);
    await adaReader.getByRole('region', { name: 'Article text' }).focus();
    await adaReader.keyboard.press('h');
    await expect.poll(() => adaReader.locator('mark.highlight').count(), { timeout: 15_000 }).toBe(2);
    const rows = await sql<{ exact: string; body: string; start: number | null }>(
      `select exact, body, start_offset as start from app.highlights order by created_at`,
    );
    expect(rows.map((r) => [r.exact, r.body])).toEqual([
      [FIRST, 'This is the whole argument.'],
      [SECOND, ''],
    ]);
    expect(await axeProblems(adaReader)).toEqual([]);
  });

  test('Ben sees the marks and who made them, opens the first thread and replies', async () => {
    const benReader = await reader(ben);
    const mark = benReader.getByRole('button', { name: /^Highlight by Ada, 0 replies: forgiveness/ });
    await mark.waitFor({ timeout: 15_000 });
    await mark.click();
    const thread = benReader.getByTestId('highlight-thread');
    await thread.getByText('This is the whole argument.').waitFor();
    await thread.getByLabel('Reply to this passage').fill('Forgiveness, and short texts.');
    await thread.getByRole('button', { name: 'Send reply' }).click();
    await thread.getByTestId('reply').filter({ hasText: 'Forgiveness, and short texts.' }).waitFor({ timeout: 15_000 });
    expect(await axeProblems(benReader)).toEqual([]);
    await benReader.close();
  });

  test("Ada's reader shows the reply count (live, or on the panel's next refresh)", async () => {
    await adaReader.getByRole('button', { name: /^Highlight by Ada, 1 reply: forgiveness/ }).waitFor({ timeout: 30_000 });
    await adaReader.getByRole('button', { name: /^Highlight by Ada, 1 reply/ }).press('Enter');
    await adaReader.getByTestId('highlight-thread').getByText('Forgiveness, and short texts.').waitFor();
  });

  test('the next meeting lists the passages most discussed first; its Markdown agenda quotes them under "Passages to discuss"', async () => {
    const adaPanel = await ada.open('sidepanel.html');
    await adaPanel.getByRole('tab', { name: /Meetings/ }).click();
    const form = adaPanel.getByTestId('meeting-form');
    await form.getByLabel('Date and time').fill('2099-12-03T19:00');
    await form.getByLabel('Title (optional)').fill('December');
    await form.getByRole('button', { name: 'Schedule' }).click();
    await adaPanel.getByTestId('next-meeting').waitFor({ timeout: 15_000 });

    const panel = await ben.open('sidepanel.html');
    await panel.getByRole('tab', { name: /Meetings/ }).click();
    const next = panel.getByTestId('next-meeting');
    const passages = next.getByTestId('agenda-highlight');
    await expect.poll(() => passages.count(), { timeout: 15_000 }).toBe(2);
    const shown = await passages.allTextContents();
    expect(shown[0]).toMatch(/^forgiveness is what keeps busy adults coming back · Ada · 1 reply$/);
    expect(shown[1]).toMatch(/^The group becomes a way of being surprised on a schedule\. · Ada · 0 replies$/);

    const [download] = await Promise.all([panel.waitForEvent('download'), next.getByRole('button', { name: 'Download agenda' }).click()]);
    const md = readFileSync((await download.path())!, 'utf8');
    expect(md).toContain(
      ['   Passages to discuss:', '', '   Ada marked (1 reply):', `   > ${FIRST}`, '', '   Ada marked (0 replies):', `   > ${SECOND}`].join(
        '\n',
      ),
    );
    await panel.close();
  });

  test('from the live page: Ben selects a passage and the popup offers "Highlight selection"; words the copy lacks become an orphan', async () => {
    const url = `${pages.url}/article.html`;
    const page = await ben.context.newPage();
    await page.goto(url);
    const highlightFromPopup = async (passage: string, comment: string) => {
      await page.evaluate((quote) => {
        const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
        for (let node = walker.nextNode() as Text | null; node; node = walker.nextNode() as Text | null) {
          const at = node.data.indexOf(quote);
          if (at < 0) continue;
          const range = document.createRange();
          range.setStart(node, at);
          range.setEnd(node, at + quote.length);
          getSelection()!.removeAllRanges();
          getSelection()!.addRange(range);
          return;
        }
        throw new Error(`not on the page: ${quote}`);
      }, passage);
      const popup = await ben.open(`popup.html?tabId=${await tabIdOf(ben, url)}`);
      const form = popup.getByRole('form', { name: 'Highlight the selection' });
      await form.waitFor({ timeout: 15_000 });
      expect(await popup.getByRole('button', { name: /^Save to/ }).count()).toBe(0);
      await form.getByLabel('Comment on this passage (optional)').fill(comment);
      await form.getByRole('button', { name: 'Highlight selection' }).click();
      const said = await popup.getByRole('status').filter({ hasText: 'Highlighted in Margin Circle.' }).textContent({ timeout: 15_000 });
      expect(said).toMatch(/Passages no longer found in this copy/);
      await popup.close();
    };
    await highlightFromPopup('Somebody will bring biscuits.', 'Bring biscuits.');
    await highlightFromPopup('Written by people who read too much.', 'The footer, not the essay.');
    await page.close();
    const rows = await sql<{ exact: string; prefix: string; start: number | null }>(
      `select exact, prefix, start_offset as start from app.highlights where body <> '' and exact like '%biscuits%'`,
    );
    expect(rows).toEqual([
      { exact: 'Somebody will bring biscuits.', prefix: expect.stringMatching(/ library card catalogues\. $/), start: null },
    ]);

    const benReader = await reader(ben);
    await benReader
      .getByRole('button', { name: /^Highlight by Ben, 0 replies: Somebody will bring biscuits\.$/ })
      .waitFor({ timeout: 15_000 });
    const orphans = benReader.getByRole('region', { name: 'Passages no longer found in this copy' });
    expect(await orphans.getByTestId('orphan').allTextContents()).toEqual([
      expect.stringMatching(/^“Written by people who read too much\.” · Ben · 0 replies$/),
    ]);
    await orphans.getByRole('button', { name: /Written by people/ }).click();
    await benReader.getByTestId('highlight-thread').getByText('The footer, not the essay.').waitFor();
    expect(await axeProblems(benReader)).toEqual([]);
  });
});
