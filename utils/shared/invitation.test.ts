import { describe, expect, test } from 'vitest';
import {
  EMPTY_INVITATION,
  invitationLink,
  invitationMessage,
  isSecretKey,
  NO_INVITE_CODE,
  NO_SERVER_KEY,
  parseInvitation,
  SECRET_KEY,
} from './invitation';

const CODE = 'K7QM-3XWD-PQRS-TUVW-XYZ2-3456-789A';
const BACKEND = { url: 'https://abcd.supabase.co', key: 'sb_publishable_abc123' };
const JOIN_PAGE = 'https://readclub.example/join';

/** A legacy JWT with this payload (the signature is not checked). */
const jwt = (payload: object) => `eyJhbGciOiJIUzI1NiJ9.${btoa(JSON.stringify(payload)).replace(/=+$/, '')}.c2ln`;

describe('parseInvitation: every form people paste', () => {
  test.each([
    ['the bare code', CODE],
    ['lower case', CODE.toLowerCase()],
    ['without dashes', CODE.replace(/-/g, '')],
    ['spaces instead of dashes', CODE.replace(/-/g, ' ')],
    ['surrounding whitespace, quotes and newlines', `\n  “${CODE}”.\n`],
    ['the old extension link', `chrome-extension://abcdefghijklmnop/options.html#join=${CODE}`],
    ['the Firefox extension link', `moz-extension://0b1c-uuid/options.html#join=${encodeURIComponent(CODE)}`],
    ['the join page link', `${JOIN_PAGE}#code=${CODE}`],
    ['the link in angle brackets', `<${JOIN_PAGE}#code=${CODE}>`],
    ['the message', invitationMessage({ code: CODE, groupName: 'Circle', joinPage: JOIN_PAGE }).message],
    ['the message without a link', invitationMessage({ code: CODE, groupName: 'Circle', joinPage: '' }).message],
  ])('%s: the code', (_, text) => {
    const parsed = parseInvitation(text);
    expect(parsed.ok && parsed.value.code.replace(/[^A-Z0-9]/g, '')).toBe(CODE.replace(/-/g, ''));
    expect(parsed.ok && parsed.value.backend).toBeUndefined();
  });

  test('the demo code, shorter than a real one', () => {
    expect(parseInvitation('demo-circle')).toEqual({ ok: true, value: { code: 'DEMO-CIRCLE' } });
  });

  test('a link carrying the server: the code, the server and its key', () => {
    const link = invitationLink(JOIN_PAGE, { code: CODE, backend: BACKEND });
    expect(link.startsWith(`${JOIN_PAGE}#code=`)).toBe(true);
    expect(parseInvitation(link)).toEqual({ ok: true, value: { code: CODE, backend: BACKEND } });
  });

  test('round trip: the message for a group on another server reads back as what made it', () => {
    for (const joinPage of [JOIN_PAGE, '']) {
      const made = invitationMessage({ code: CODE, groupName: 'Thursday “Circle”', joinPage, backend: BACKEND });
      expect(made.ok).toBe(true);
      expect(parseInvitation(made.message)).toEqual({ ok: true, value: { code: CODE, backend: BACKEND } });
      // Chat apps may add a blank line, indent or turn line ends into \r\n.
      expect(parseInvitation(`  ${made.message.replace(/\n/g, '\r\n\r\n  ')}  `)).toEqual({
        ok: true,
        value: { code: CODE, backend: BACKEND },
      });
      // A one-line field turns the line ends into spaces.
      expect(parseInvitation(made.message.replace(/\n/g, ' '))).toEqual({ ok: true, value: { code: CODE, backend: BACKEND } });
    }
  });

  test.each([
    ['prose', 'hello, can you add me to the group?'],
    ['two words', 'hello there'],
    ['a link from another system', 'https://discord.gg/abcDEF12'],
    ['a link without a code', `${JOIN_PAGE}#backend=${encodeURIComponent(BACKEND.url)}`],
    ['SQL', "'; drop table app.groups; --"],
    ['a message whose code line is empty', 'Join “Circle” on Readclub\nInvite code:'],
  ])('junk (%s): a clear message', (_, text) => {
    expect(parseInvitation(text)).toEqual({ ok: false, message: NO_INVITE_CODE });
  });

  test('nothing pasted', () => {
    expect(parseInvitation('  \n ')).toEqual({ ok: false, message: EMPTY_INVITATION });
  });

  test('a server without its key is refused, not half used', () => {
    expect(parseInvitation(`Invite code: ${CODE}\nServer: ${BACKEND.url}`)).toEqual({ ok: false, message: NO_SERVER_KEY });
  });

  test('a secret key in an invitation is never taken', () => {
    expect(parseInvitation(`Invite code: ${CODE}\nServer: ${BACKEND.url}\nServer key: sb_secret_abc`)).toEqual({
      ok: false,
      message: SECRET_KEY,
    });
    const link = `${JOIN_PAGE}#code=${CODE}&backend=${encodeURIComponent(BACKEND.url)}&key=${jwt({ role: 'service_role' })}`;
    expect(parseInvitation(link)).toEqual({ ok: false, message: SECRET_KEY });
  });
});

describe('invitationMessage', () => {
  test('plain lines: the group, how to install, where to paste, the code; no server for the build’s own', () => {
    const made = invitationMessage({ code: CODE, groupName: 'Thursday Circle', joinPage: JOIN_PAGE });
    expect(made.ok).toBe(true);
    const lines = made.message.split('\n');
    expect(lines[0]).toBe("Join “Thursday Circle” on Readclub, our reading group's shared library.");
    expect(lines[1]).toContain(`${JOIN_PAGE}#code=${CODE}`);
    expect(lines[2]).toContain('paste this whole message into Join a group');
    expect(lines.at(-1)).toBe(`Invite code: ${CODE}`);
    expect(made.message).not.toMatch(/Server/);
  });

  test('a group on another server: its URL and public key', () => {
    const made = invitationMessage({ code: CODE, groupName: 'C', joinPage: '', backend: BACKEND });
    expect(made.message.split('\n').slice(-2)).toEqual([`Server: ${BACKEND.url}`, `Server key: ${BACKEND.key}`]);
    expect(made.ok && made.link).toBe('');
  });

  test.each([['sb_secret_abcdef'], [jwt({ role: 'service_role', iss: 'supabase' })]])('refuses a secret key (%s)', (key) => {
    const made = invitationMessage({ code: CODE, groupName: 'C', joinPage: JOIN_PAGE, backend: { url: BACKEND.url, key } });
    expect(made.ok).toBe(false);
    expect(made.message).not.toContain(key);
    expect(made.message).toMatch(/secret server key/);
  });
});

test('isSecretKey: secret and service-role keys, not publishable or anon ones', () => {
  expect(isSecretKey('sb_secret_x')).toBe(true);
  expect(isSecretKey(jwt({ role: 'service_role' }))).toBe(true);
  expect(isSecretKey(jwt({ role: 'anon' }))).toBe(false);
  expect(isSecretKey('sb_publishable_x')).toBe(false);
  expect(isSecretKey('not.a.jwt')).toBe(false);
});
