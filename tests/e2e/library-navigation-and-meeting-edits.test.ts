/**
 * The side panel's details in real Chromium on the production build: the queue's comment
 * count leaves out a deleted placeholder; the Library keeps its filter and search after an
 * item is opened and closed, and Back names where it goes; tags of emoji and SQL are only
 * text; voting twice takes the vote back; an owner changes the next meeting in place (a
 * passed time refused, the agenda kept); axe finds no serious problem in the Queue and
 * Meetings panes or the popup. Ben is made in the database: one browser is enough here.
 */
import { describe, expect, test } from 'vitest';
import type { Page } from 'playwright-core';
import { tabIdOf } from './harness';
import { axeProblems } from './axe';
import { createGroup, signInMember, useE2e } from './fixtures';

const {
  backend,
  pages,
  sql,
  members: { ada },
} = useE2e({ members: ['ada'] });
let panel: Page;
let groupId = '';

const entries = (page: Page) => page.getByTestId('library-entry');

describe('side panel details: counts, navigation, tags, votes, meeting edits', () => {
  test('Ada owns "Linden Circle" with three queued items; Ben (a member) commented on Alder, then deleted it under Ada’s reply', async () => {
    const options = await signInMember(ada, backend, 'ada@details.test');
    await createGroup(options, 'Linden Circle');
    await options.close();
    groupId = (await sql<{ id: string }>(`select id from app.groups where name = 'Linden Circle'`))[0]!.id;
    await sql(
      `insert into auth.users (id, email, raw_user_meta_data) values (gen_random_uuid(), 'ben@details.test', '{"display_name": "Ben"}')`,
    );
    await sql(`update app.profiles p set display_name = initcap(split_part(u.email, '@', 1)) from auth.users u where u.id = p.id`);
    await sql(
      `insert into app.group_members (group_id, user_id, role) select '${groupId}', id, 'member' from auth.users where email = 'ben@details.test'`,
    );
    await sql(`insert into app.items (group_id, client_id, kind, url, title, word_count, added_by)
               select '${groupId}', gen_random_uuid(), 'link', 'https://example.org/' || t, t, 1150, (select id from auth.users where email = 'ada@details.test')
                 from (values ('Alder'), ('Birch'), ('Cedar')) as v(t)`);
    await sql(`insert into app.queue_entries (item_id, group_id, position, queued_by)
               select i.id, i.group_id, row_number() over (order by i.title), i.added_by from app.items i where i.group_id = '${groupId}'`);
    await sql(`insert into app.item_tags (item_id, group_id, tag, added_by)
               select i.id, i.group_id, t.tag, i.added_by from app.items i
                 join (values ('Alder', 'essay'), ('Birch', 'essay'), ('Cedar', 'poetry')) as t(title, tag) on t.title = i.title
                where i.group_id = '${groupId}'`);
    const alder = `(select id from app.items where group_id = '${groupId}' and title = 'Alder')`;
    const top = (
      await sql<{ id: string }>(`insert into app.comments (item_id, group_id, author_id, body)
      select ${alder}, '${groupId}', id, 'First!' from auth.users where email = 'ben@details.test' returning id`)
    )[0]!.id;
    await sql(`insert into app.comments (item_id, group_id, author_id, body, parent_id)
      select ${alder}, '${groupId}', id, 'Agreed', '${top}' from auth.users where email = 'ada@details.test'`);
    await sql(`update app.comments set body = '', deleted_at = now() where id = '${top}'`);
  });

  test('the Queue pane counts Alder’s reply, not the deleted placeholder, and axe finds nothing serious', async () => {
    panel = await ada.open('sidepanel.html');
    const alder = panel.getByTestId('queue-entry').filter({ hasText: 'Alder' });
    await alder.waitFor({ timeout: 15_000 });
    await expect.poll(() => alder.textContent()).toMatch(/1 comment(?!s)/);
    expect(await axeProblems(panel)).toEqual([]);
  });

  test('voting twice takes the vote back: one click casts it, the second withdraws it, the server agrees', async () => {
    await panel.getByRole('button', { name: 'Vote for Birch (0 votes)' }).click();
    await panel.getByRole('button', { name: 'Take back your vote for Birch (1 vote)' }).click();
    await panel.getByRole('button', { name: 'Vote for Birch (0 votes)' }).waitFor();
    await expect
      .poll(async () => (await sql<{ n: number }>(`select count(*)::int as n from app.queue_votes where group_id = '${groupId}'`))[0]!.n)
      .toBe(0);
  });

  test('the Library keeps its tag filter and its search after an item is opened; Back says “Back to library”', async () => {
    await panel.getByRole('tab', { name: /Library/ }).click();
    await expect.poll(() => entries(panel).count(), { timeout: 15_000 }).toBe(3);
    await panel.getByLabel('Filter by tag').selectOption('essay');
    await expect.poll(() => entries(panel).count()).toBe(2);
    await entries(panel)
      .filter({ hasText: 'Alder' })
      .getByRole('button', { name: /comment/ })
      .click();
    await panel.getByRole('button', { name: '← Back to library' }).click();
    expect(await panel.getByLabel('Filter by tag').inputValue()).toBe('essay');
    expect(await entries(panel).count()).toBe(2);

    await panel.getByLabel('Search the library').fill('Birch');
    await panel.getByRole('button', { name: 'Search', exact: true }).click();
    await panel.getByText('1 found for “Birch”').waitFor();
    await entries(panel)
      .first()
      .getByRole('button', { name: /comment/ })
      .click();
    await panel.getByRole('heading', { name: 'Birch' }).waitFor();
    await panel.getByRole('button', { name: '← Back to library' }).click();
    expect(await panel.getByLabel('Search the library').inputValue()).toBe('Birch');
    await panel.getByText('1 found for “Birch”').waitFor();
  });

  test('tags of emoji and SQL are kept as the text they are', async () => {
    await entries(panel)
      .first()
      .getByRole('button', { name: /comment/ })
      .click();
    const sqlTag = "'); drop table items; --";
    await panel.getByLabel('Add tags').fill(`📚 Books, ${sqlTag}`);
    await panel.getByRole('button', { name: 'Add tags' }).click();
    await panel.getByRole('button', { name: `Remove tag ${sqlTag}` }).waitFor();
    await panel.getByRole('button', { name: 'Remove tag 📚 books' }).waitFor();
    const tags = await sql<{ tag: string }>(`select tag from app.item_tags where group_id = '${groupId}' order by tag`);
    expect(tags.map((t) => t.tag)).toEqual(expect.arrayContaining(['📚 books', sqlTag]));
    expect((await sql<{ n: number }>(`select count(*)::int as n from app.items where group_id = '${groupId}'`))[0]!.n).toBe(3);
    await panel.getByRole('button', { name: '← Back to library' }).click();
    await panel.getByRole('button', { name: 'Clear search' }).click();
  });

  test('an owner changes the next meeting in place: a passed time is refused, the new place and lead shown, the agenda kept', async () => {
    await panel.getByRole('tab', { name: /Meetings/ }).click();
    const form = panel.getByTestId('meeting-form');
    await form.getByLabel('Date and time').fill('2099-12-03T19:00');
    await form.getByLabel('Title (optional)').fill('December');
    await form.getByRole('button', { name: 'Schedule' }).click();
    const next = panel.getByTestId('next-meeting');
    await next.waitFor();
    await panel.getByRole('button', { name: 'Take Cedar off the agenda' }).click();
    await expect.poll(() => next.getByTestId('agenda-item').count()).toBe(2);
    expect(await axeProblems(panel)).toEqual([]);

    await panel.getByRole('button', { name: 'Change time, place or lead' }).click();
    const edit = panel.getByTestId('meeting-form');
    expect(await edit.getByLabel('Title (optional)').inputValue()).toBe('December');
    await edit.getByLabel('Date and time').fill('2020-01-02T19:00');
    await edit.getByRole('button', { name: 'Save changes' }).click();
    await expect.poll(() => edit.getByRole('alert').textContent()).toBe('That time has already passed. Pick a time in the future.');
    expect(await axeProblems(panel)).toEqual([]);
    await edit.getByLabel('Date and time').fill('2099-12-10T18:30');
    await edit.getByLabel('Place or call link (optional)').fill('Room 2');
    await edit.getByLabel('Discussion lead').selectOption({ label: 'Ben' });
    await edit.getByRole('button', { name: 'Save changes' }).click();
    await next.getByText('Led by Ben').waitFor();
    expect(await next.textContent()).toContain('Room 2');
    expect(await next.getByTestId('agenda-item').count()).toBe(2);
    const row = (
      await sql<{ place: string; n: number }>(
        `select m.place, (select count(*)::int from app.meeting_items a where a.meeting_id = m.id) as n
         from app.meetings m where m.group_id = '${groupId}' and m.ended_at is null`,
      )
    )[0]!;
    expect(row).toEqual({ place: 'Room 2', n: 2 });
  });

  test('an agenda item opens its discussion; Back says “Back to meetings” and returns there', async () => {
    await panel.getByRole('button', { name: 'Discussion: Alder' }).click();
    await panel.getByRole('heading', { name: 'Alder' }).waitFor();
    await panel.getByRole('button', { name: '← Back to meetings' }).click();
    await panel.getByTestId('next-meeting').waitFor();
    expect(await panel.getByRole('tab', { name: /Meetings/ }).getAttribute('aria-selected')).toBe('true');
  });

  test('axe finds nothing serious in the popup, before a clip and on the page once saved', async () => {
    const url = `${pages.url}/article.html`;
    const page = await ada.context.newPage();
    await page.goto(url);
    const popup = await ada.open(`popup.html?tabId=${await tabIdOf(ada, url)}`);
    const save = popup.getByRole('button', { name: /^Save to Linden Circle/ });
    await save.waitFor({ timeout: 15_000 });
    expect(await axeProblems(popup)).toEqual([]);
    await save.click();
    await popup
      .getByText(/Saved (“.*” )?to Linden Circle/)
      .first()
      .waitFor({ timeout: 15_000 });
    expect(await axeProblems(popup)).toEqual([]);
    await popup.close();
    const again = await ada.open(`popup.html?tabId=${await tabIdOf(ada, url)}`);
    await again.getByRole('article', { name: 'Already saved' }).waitFor({ timeout: 15_000 });
    expect(await axeProblems(again)).toEqual([]);
    await Promise.all([again.close(), page.close()]);
  });
});
