/**
 * An invitation that travels from one browser to another: Ada, in Chromium, creates an invite
 * in Options and takes its invitation message from the page's field (what "Copy invitation"
 * copies); Ben, in Firefox, where Readclub has an id of its own so no extension link of
 * Ada's would open, signs in, pastes the whole message into the popup's Join, joins, and the
 * popup then saves to the group.
 */
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { click, fill, launchFirefox, waitForText, type Firefox } from './firefox';
import { signInFirefox } from './firefox-sign-in';
import { createGroup, createInvite, signInMember, useE2e } from './fixtures';

const {
  backend,
  pages,
  sql,
  members: { ada },
} = useE2e({ members: ['ada'] });
let ben: Firefox;
let message = '';
const GROUP = 'Travelling Circle';

beforeAll(async () => {
  ben = await launchFirefox();
});
afterAll(async () => {
  await ben?.close();
});

describe('an invitation from Chromium, joined in Firefox', () => {
  test('Ada, in Chromium, creates an invite and takes its invitation message', async () => {
    const options = await signInMember(ada, backend, 'ada@travel.test');
    await createGroup(options, GROUP);
    const invite = await createInvite(options, { group: GROUP });
    message = invite.message;
    expect(message.split('\n')[0]).toBe(`Join “${GROUP}” on Readclub, our reading group's shared library.`);
    expect(message).toContain(`Invite code: ${invite.code}`);
    expect(message).not.toContain(ada.extensionId);
    await options.close();
  });

  test('Ben, in Firefox, pastes the whole message into the popup, joins, and the popup saves to the group', async () => {
    await (await signInFirefox(ben, backend, 'ben@travel.test', 'Ben')).close();
    const url = `${pages.url}/article.html`;
    const article = await ben.visit(url);
    const popup = await ben.open(`popup.html?tabId=${await ben.tabIdOf(url)}`);
    await fill(popup, 'Invitation or invite code', message);
    await click(popup, 'Join group');
    await waitForText(popup, /1 member/);
    await click(popup, `Join ${GROUP}`);
    await waitForText(popup, `You joined ${GROUP}.`);
    await waitForText(popup, `Save to ${GROUP}`);
    expect(
      await sql(
        'select g.name, m.role from app.group_members m join app.groups g on g.id = m.group_id join auth.users u on u.id = m.user_id where u.email = $1',
        ['ben@travel.test'],
      ),
    ).toEqual([{ name: GROUP, role: 'member' }]);
    await popup.close();
    await article.close();
    expect(ben.extensionErrors()).toEqual([]);
  });
});
