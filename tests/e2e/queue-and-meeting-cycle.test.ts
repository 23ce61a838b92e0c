/**
 * The queue and a meeting's cycle in real Chromium on the production build, two members in
 * two browsers against the local backend (the side panel refreshes every 10 s, and at once when
 * Realtime says the group changed):
 * what's new (badge count, "New" marks), reorder by keyboard and by drag, votes and most
 * wanted, read marks, total reading time, another member's vote showing up live, moving an
 * entry another member just removed, a full meeting cycle with a Markdown export, and a
 * 120-entry queue read from the server a page at a time.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, test } from 'vitest';
import type { Page } from 'playwright-core';
import { createGroup, signInMember, useE2e } from './fixtures';
import { stopWorker } from './harness';

const {
  backend,
  sql,
  members: { ada, ben },
} = useE2e({ members: ['ada', 'ben'] });
let adaPanel: Page;
let benPanel: Page;
let groupId = '';
const LIVE_MS = 15_000; // the panel's 10 s refresh, and some slack on a busy machine

async function order(): Promise<string> {
  const rows = await sql<{ title: string }>(
    `select i.title from app.queue_entries q join app.items i on i.id = q.item_id where q.group_id = '${groupId}' order by q.position`,
  );
  return rows.map((r) => r.title).join(',');
}

/** The bits of the extension API the worker is asked about (no @types/chrome here). */
interface Chrome {
  chrome: { action: { getBadgeText(details: object): Promise<string> }; storage: { local: { set(items: object): Promise<void> } } };
}

const entries = (panel: Page) => panel.getByTestId('queue-entry');
const titles = async (panel: Page) => (await entries(panel).locator('.entry-title').allTextContents()).join(',');

describe('discussion: queue, meetings, what is new, live', () => {
  test('Ada has a group with four queued items; Ben is a member', async () => {
    const options = await signInMember(ada, backend, 'ada@queue.test');
    await createGroup(options, 'Thursday Circle');
    await signInMember(ben, backend, 'ben@queue.test');
    await sql(`update app.profiles p set display_name = initcap(split_part(u.email, '@', 1)) from auth.users u where u.id = p.id`);
    groupId = (await sql<{ id: string }>(`select id from app.groups where name = 'Thursday Circle'`))[0]!.id;
    // Ben joined two minutes ago; the items came after (word counts: 10, 20, 5 and 5 minutes).
    await sql(`insert into app.group_members (group_id, user_id, role, joined_at)
               select '${groupId}', id, 'member', now() - interval '2 minutes' from auth.users where email = 'ben@queue.test'`);
    await sql(`insert into app.items (group_id, client_id, kind, url, title, word_count, added_by)
               select '${groupId}', gen_random_uuid(), 'link', 'https://example.org/' || t, t, w, (select id from auth.users where email = 'ada@queue.test')
                 from (values ('Alder', 2300), ('Birch', 4600), ('Cedar', 1150), ('Dogwood', 1150)) as v(t, w)`);
    await sql(`insert into app.queue_entries (item_id, group_id, position, queued_by)
               select i.id, i.group_id, row_number() over (order by i.title), i.added_by from app.items i where i.group_id = '${groupId}'`);
    expect(await order()).toBe('Alder,Birch,Cedar,Dogwood');
  });

  test("what's new: Ben's toolbar badge counts the four items, the panel marks them, looking clears the badge", async () => {
    const badge = () => ben.worker.evaluate(() => (globalThis as unknown as Chrome).chrome.action.getBadgeText({}));
    // The side panel's group becomes the active group: the background counts its news.
    await ben.worker.evaluate((id) => (globalThis as unknown as Chrome).chrome.storage.local.set({ panelGroupId: id }), groupId);
    await expect.poll(badge, { timeout: 10_000 }).toBe('4');
    benPanel = await ben.open('sidepanel.html');
    await expect.poll(() => benPanel.getByTestId('new-item').count(), { timeout: 10_000 }).toBe(4);
    await expect.poll(() => benPanel.getByRole('tab', { name: /Queue/ }).textContent()).toMatch(/4/);
    await expect.poll(badge, { timeout: 10_000 }).toBe('');
    // Still marked while he looks, though the server now counts them seen.
    expect(await benPanel.getByTestId('new-item').count()).toBe(4);
  });

  test('the queue shows its total reading time', async () => {
    adaPanel = await ada.open('sidepanel.html');
    await expect.poll(() => adaPanel.getByTestId('queue-total').textContent(), { timeout: 10_000 }).toBe('4 queued · 40 min of reading');
    // Ada added them herself: nothing is new for her.
    expect(await adaPanel.getByTestId('new-item').count()).toBe(0);
  });

  test('Ada moves Cedar up with Alt+ArrowUp; the move is announced', async () => {
    await entries(adaPanel).nth(2).focus();
    await adaPanel.keyboard.press('Alt+ArrowUp');
    await expect.poll(() => titles(adaPanel)).toBe('Alder,Cedar,Birch,Dogwood');
    expect(await adaPanel.getByTestId('queue-announce').textContent()).toBe('Cedar moved to number 2 of 4.');
    expect(await order()).toBe('Alder,Cedar,Birch,Dogwood');
  });

  test('Ada drags Alder onto Birch: it takes Birch’s place', async () => {
    await entries(adaPanel).nth(0).dragTo(entries(adaPanel).nth(2));
    await expect.poll(() => titles(adaPanel)).toBe('Cedar,Birch,Alder,Dogwood');
    expect(await order()).toBe('Cedar,Birch,Alder,Dogwood');
  });

  test("Ben votes for Dogwood; Ada's panel shows his vote within the refresh interval", async () => {
    await expect.poll(() => titles(benPanel), { timeout: LIVE_MS }).toBe('Cedar,Birch,Alder,Dogwood');
    await benPanel.getByRole('button', { name: 'Vote for Dogwood (0 votes)' }).click();
    await benPanel.getByRole('button', { name: 'Take back your vote for Dogwood (1 vote)' }).waitFor();
    await adaPanel.getByRole('button', { name: 'Vote for Dogwood (1 vote)' }).waitFor({ timeout: LIVE_MS });
  });

  test('votes: one per member, most wanted first, a vote taken back', async () => {
    await adaPanel.getByRole('button', { name: 'Vote for Dogwood (1 vote)' }).click();
    await adaPanel.getByRole('button', { name: 'Take back your vote for Dogwood (2 votes)' }).waitFor();
    await adaPanel.getByRole('button', { name: 'Vote for Birch (0 votes)' }).click();
    await adaPanel.getByRole('button', { name: 'Take back your vote for Birch (1 vote)' }).waitFor();
    await adaPanel.getByLabel('Most wanted first').check();
    await expect.poll(() => titles(adaPanel)).toBe('Dogwood,Birch,Cedar,Alder');
    await adaPanel.getByRole('button', { name: 'Take back your vote for Birch (1 vote)' }).click();
    await adaPanel.getByRole('button', { name: 'Vote for Birch (0 votes)' }).waitFor();
    await adaPanel.getByLabel('Most wanted first').uncheck();
    expect((await sql<{ n: number }>(`select count(*)::int as n from app.queue_votes where group_id = '${groupId}'`))[0]!.n).toBe(2);
  });

  test('Ben marks Cedar read; Ada sees one reader, her own mark stays unset', async () => {
    await benPanel.getByRole('button', { name: 'Mark as read: Cedar' }).click();
    await benPanel.getByRole('button', { name: 'Mark as not read: Cedar' }).waitFor();
    await expect.poll(() => entries(adaPanel).nth(0).textContent(), { timeout: LIVE_MS }).toMatch(/1 read it/);
    expect(await adaPanel.getByRole('button', { name: 'Mark as read: Cedar' }).getAttribute('aria-pressed')).toBe('false');
  });

  test('Ada moves Alder just after Ben took it off: she is told so, and the queue is drawn again', async () => {
    // Ada's panel must not hear of it first: her worker (and its Realtime socket) stops, as an
    // idle one does; her click starts it again.
    await stopWorker(ada, adaPanel);
    await benPanel.getByRole('button', { name: 'Take Alder off the queue' }).click();
    await expect.poll(() => titles(benPanel)).toBe('Cedar,Birch,Dogwood');
    await adaPanel.getByRole('button', { name: 'Move Alder down' }).click();
    await expect
      .poll(() => adaPanel.getByRole('alert').textContent())
      .toBe('Another member just took that article off the queue, so it cannot be moved.');
    await expect.poll(() => titles(adaPanel)).toBe('Cedar,Birch,Dogwood');
  });

  test('a meeting in the past is refused; Ada schedules one led by Ben, the top of the queue is the agenda', async () => {
    await adaPanel.getByRole('tab', { name: 'Meetings' }).click();
    const form = adaPanel.getByTestId('meeting-form');
    await form.getByLabel('Date and time').fill('2020-01-02T19:00');
    await form.getByRole('button', { name: 'Schedule' }).click();
    await expect.poll(() => form.getByRole('alert').textContent()).toBe('That time has already passed. Pick a time in the future.');
    await form.getByLabel('Date and time').fill('2099-12-03T19:00');
    await form.getByLabel('Title (optional)').fill('December');
    await form.getByLabel('Place or call link (optional)').fill('https://meet.example/circle');
    await form.getByLabel('Discussion lead').selectOption({ label: 'Ben' });
    await form.getByRole('button', { name: 'Schedule' }).click();
    const next = adaPanel.getByTestId('next-meeting');
    await next.getByText('Led by Ben').waitFor();
    await expect
      .poll(async () => (await next.getByTestId('agenda-item').locator('strong').allTextContents()).join(','))
      .toBe('Cedar,Birch,Dogwood');
  });

  test("Ben's panel marks the new meeting", async () => {
    await expect.poll(() => benPanel.getByRole('tab', { name: /Meetings/ }).textContent(), { timeout: LIVE_MS }).toMatch(/1/);
    await benPanel.getByRole('tab', { name: /Meetings/ }).click();
    await benPanel.getByTestId('new-meeting').waitFor();
    // Members read the meeting but do not run it.
    expect(await benPanel.getByRole('button', { name: 'Finish meeting' }).count()).toBe(0);
  });

  test("Ada changes the meeting's place; Ben's panel marks it changed", async () => {
    await adaPanel.getByRole('button', { name: 'Change time, place or lead' }).click();
    const edit = adaPanel.getByTestId('meeting-form');
    await edit.getByLabel('Place or call link (optional)').fill('Room 5');
    await edit.getByRole('button', { name: 'Save changes' }).click();
    await adaPanel.getByTestId('next-meeting').getByText('Room 5').waitFor();
    await expect.poll(() => benPanel.getByTestId('new-meeting').textContent(), { timeout: LIVE_MS }).toBe('Changed');
    await benPanel.getByTestId('next-meeting').getByText('Room 5').waitFor();
  });

  test('Ada edits the agenda, records Cedar discussed with a takeaway and finishes; the rest carry over', async () => {
    const next = adaPanel.getByTestId('next-meeting');
    const agenda = async () => (await next.getByTestId('agenda-item').locator('strong').allTextContents()).join(',');
    await next.getByRole('button', { name: 'Take Dogwood off the agenda' }).click();
    await expect.poll(agenda).toBe('Cedar,Birch');
    await next.getByLabel('Add from the queue').selectOption({ label: 'Dogwood' });
    await next.getByRole('button', { name: 'Add', exact: true }).click();
    await expect.poll(agenda).toBe('Cedar,Birch,Dogwood');
    await next.getByRole('button', { name: 'Move Dogwood up the agenda' }).click();
    await expect.poll(agenda).toBe('Cedar,Dogwood,Birch');
    await next.getByRole('textbox', { name: 'Takeaway for Cedar' }).fill('Cedars outlive their planters.');
    await next.getByRole('button', { name: 'Save takeaway for Cedar' }).click();
    await expect.poll(() => next.getByLabel('Discussed').first().isChecked()).toBe(true);
    await next.getByRole('button', { name: 'Finish meeting' }).click();
    const past = adaPanel.getByTestId('past-meeting');
    await past.waitFor();
    await past.locator('summary').click();
    await past.getByText('Cedars outlive their planters.').waitFor();
    expect(await past.textContent()).toMatch(/Birch.*Carried over/);
    expect(await order()).toBe('Birch,Dogwood');
    await adaPanel.getByTestId('meeting-form').waitFor();
  });

  test("the past meeting's notes download as Markdown and copy to the clipboard", async () => {
    const past = adaPanel.getByTestId('past-meeting');
    const [download] = await Promise.all([adaPanel.waitForEvent('download'), past.getByRole('button', { name: 'Download notes' }).click()]);
    expect(download.suggestedFilename()).toBe('thursday-circle-2099-12-03-notes.md');
    const md = readFileSync((await download.path())!, 'utf8');
    expect(md).toMatch(/^# December\n/);
    expect(md).toContain('- Discussion lead: Ben');
    expect(md).toContain('1. [Cedar](<https://example.org/Cedar>) · 5 min (discussed)\n   > Cedars outlive their planters.');
    expect(md).toContain('Birch](<https://example.org/Birch>) · 20 min (carried over)');
    await ada.context.grantPermissions(['clipboard-read', 'clipboard-write']);
    await past.getByRole('button', { name: 'Copy notes as Markdown' }).click();
    await past.getByText('Copied the notes as Markdown.').waitFor();
    expect(await adaPanel.evaluate(() => navigator.clipboard.readText())).toBe(md);
  });

  // group_queue answers 50 at a time with the whole queue's totals.
  test('a 120-entry queue: 50 drawn, "Show 50 more" reads the next 50 from the server in queue order, totals are the whole queue\'s', async () => {
    await sql(`insert into app.items (group_id, client_id, kind, url, title, word_count, added_by)
               select '${groupId}', gen_random_uuid(), 'link', 'https://example.org/q' || n, 'Q' || lpad(n::text, 3, '0'), 230,
                      (select id from auth.users where email = 'ada@queue.test')
                 from generate_series(1, 118) as n`);
    await sql(`insert into app.queue_entries (item_id, group_id, position, queued_by)
               select i.id, i.group_id, 100 + row_number() over (order by i.title), i.added_by
                 from app.items i where i.group_id = '${groupId}' and i.title like 'Q%'`);
    const queued = (await order()).split(',');
    expect(queued).toHaveLength(120);
    await adaPanel.reload();
    await adaPanel.getByRole('tab', { name: /Queue/ }).click();
    // Birch 20 min, Dogwood 5, and 118 of 1 minute: 143 minutes, though 50 are drawn.
    await expect
      .poll(() => adaPanel.getByTestId('queue-total').textContent(), { timeout: 10_000 })
      .toBe('120 queued · 2 h 23 min of reading');
    expect(await titles(adaPanel)).toBe(queued.slice(0, 50).join(','));
    await adaPanel.getByRole('button', { name: 'Show 50 more items (70 not shown)' }).click();
    await expect.poll(() => entries(adaPanel).count()).toBe(100);
    expect(await titles(adaPanel)).toBe(queued.slice(0, 100).join(','));
    expect(await adaPanel.getByTestId('queue-total').textContent()).toBe('120 queued · 2 h 23 min of reading');
    // Only the first page is kept in storage: the next 50 came from the server.
    const cached = await ada.worker.evaluate(
      async (id) => ((await (globalThis as unknown as CachedQueues).chrome.storage.local.get('queues')).queues?.[id]?.queue ?? []).length,
      groupId,
    );
    expect(cached).toBe(50);
    await adaPanel.getByRole('button', { name: 'Show 20 more items (20 not shown)' }).click();
    await expect.poll(() => titles(adaPanel)).toBe(queued.join(','));
    expect(await adaPanel.getByRole('button', { name: /more items/ }).count()).toBe(0);
  });
});

interface CachedQueues {
  chrome: { storage: { local: { get(key: string): Promise<{ queues?: Record<string, { queue: unknown[] }> }> } } };
}
