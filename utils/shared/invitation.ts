/**
 * An invitation as people pass it around: a few plain lines for any chat or email, an https
 * link to the join page, the extension's old options.html#join= link, or the bare code.
 * invitationMessage and invitationLink write them; parseInvitation reads any of them back
 * (the Join form). The server reads only the code; the backend, when the group is not on the
 * build's own, travels with it so the member can switch to it.
 */

/** The group's server: its URL and its public (publishable or anon) key. */
export interface InvitationBackend {
  url: string;
  key: string;
}

export interface Invitation {
  /** The invite code, upper case (dashes kept as written). */
  code: string;
  backend?: InvitationBackend;
}

export type ParsedInvitation = { ok: true; value: Invitation } | { ok: false; message: string };

export const EMPTY_INVITATION = 'Paste the invitation you were sent, its link, or the invite code.';
export const NO_INVITE_CODE =
  "That doesn't contain an invite code. Paste the whole invitation message, its link, or the code (like ABCD-EFGH-…).";
export const NO_SERVER_KEY =
  "The invitation names the group's server but not its key. Ask the person who invited you for a new invitation.";
export const SECRET_KEY =
  'The invitation carries a secret server key, which must never be shared. Nothing was changed; ask the person who invited you to send a new invitation.';

/** The lines of a message that carry the data (parseInvitation looks for these labels). */
const CODE_LABEL = 'Invite code:';
const SERVER_LABEL = 'Server:';
const KEY_LABEL = 'Server key:';

/** A key that must stay on servers: sb_secret_…, or a legacy JWT whose role is service_role. */
export function isSecretKey(key: string): boolean {
  const trimmed = key.trim();
  if (/^sb_secret_/i.test(trimmed)) return true;
  const parts = trimmed.split('.');
  if (parts.length !== 3) return false;
  try {
    const json = atob(
      parts[1]!
        .replace(/-/g, '+')
        .replace(/_/g, '/')
        .padEnd(Math.ceil(parts[1]!.length / 4) * 4, '='),
    );
    return (JSON.parse(json) as { role?: unknown }).role === 'service_role';
  } catch {
    return false;
  }
}

/** A backend URL as the extension stores it: http(s), no trailing slash; null when it is none. */
export function normalBackendUrl(url: string): string | null {
  const trimmed = url.trim().replace(/\/+$/, '');
  try {
    const parsed = new URL(trimmed);
    if ((parsed.protocol !== 'https:' && parsed.protocol !== 'http:') || !parsed.hostname) return null;
    return trimmed;
  } catch {
    return null;
  }
}

/** Whether two backend URLs name the same server. */
export const sameBackend = (a: string, b: string): boolean => normalBackendUrl(a) === normalBackendUrl(b);

/** Quotes, brackets and punctuation people or chat apps put around a pasted code. */
const WRAPPING = /^[\s"'“”‘’`<>«»()[\]]+|[\s"'“”‘’`<>«»()[\].,;:!]+$/g;

/** A code on its own: letters and digits, in groups joined by dashes (or, for groups of four, spaces). */
function bareCode(text: string): string | null {
  const word = text.replace(WRAPPING, '');
  const dashed = /^[A-Za-z0-9]+(?:-[A-Za-z0-9]+)*$/.test(word);
  const spaced = /^[A-Za-z0-9]{4}(?:\s[A-Za-z0-9]{4})+$/.test(word);
  if (!dashed && !spaced) return null;
  const symbols = word.replace(/[^A-Za-z0-9]/g, '').length;
  if (symbols < 4 || symbols > 64) return null;
  return word.replace(/\s/g, '-').toUpperCase();
}

/**
 * What follows `label` up to the line's end, or null. The label starts a word, so "Server:"
 * is not found in "Server key:"; a message pasted into a one-line field still reads.
 */
function labelled(text: string, label: string): string | null {
  const escaped = label.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const match = new RegExp(`(?:^|\\s)${escaped}[ \\t]*([^\\r\\n]*)`, 'i').exec(text);
  return match?.[1]?.trim() || null;
}

/** The first word of a labelled value (a URL or a key never holds a space). */
const firstWord = (value: string | null | undefined): string | undefined => value?.split(/\s+/)[0]?.replace(WRAPPING, '') || undefined;

/** The links in `text`: web links and the extension's own pages. */
const LINK = /(?:https?|chrome-extension|moz-extension):\/\/[^\s<>"'“”]+/gi;

interface FromLink {
  code?: string;
  backend?: string;
  key?: string;
}

/** What a link's fragment carries: #code=…&backend=…&key=… (the join page) or #join=… (the old options link). */
function fromLinks(text: string): FromLink {
  for (const match of text.match(LINK) ?? []) {
    const hash = match.indexOf('#');
    if (hash === -1) continue;
    const params = new URLSearchParams(match.slice(hash + 1).replace(WRAPPING, ''));
    const code = params.get('code') ?? params.get('join');
    if (code) return { code, backend: params.get('backend') ?? undefined, key: params.get('key') ?? undefined };
  }
  return {};
}

/** Reads an invitation from whatever the member pasted. Never throws. */
export function parseInvitation(text: string): ParsedInvitation {
  if (!text.trim()) return { ok: false, message: EMPTY_INVITATION };
  const link = fromLinks(text);
  const line = labelled(text, CODE_LABEL);
  const code = line !== null ? (bareCode(line) ?? bareCode(firstWord(line) ?? '')) : bareCode(link.code ?? text);
  if (!code) return { ok: false, message: NO_INVITE_CODE };

  const serverText = firstWord(labelled(text, SERVER_LABEL)) ?? link.backend;
  const key = firstWord(labelled(text, KEY_LABEL)) ?? link.key;
  if (!serverText) return { ok: true, value: { code } };
  const url = normalBackendUrl(serverText);
  if (!url) return { ok: false, message: NO_INVITE_CODE };
  if (!key) return { ok: false, message: NO_SERVER_KEY };
  if (isSecretKey(key)) return { ok: false, message: SECRET_KEY };
  return { ok: true, value: { code, backend: { url, key } } };
}

/** The https link: the join page with the invitation in its fragment, so no server logs the code. */
export function invitationLink(joinPage: string, invitation: Invitation): string {
  const params = new URLSearchParams({ code: invitation.code });
  if (invitation.backend) {
    params.set('backend', invitation.backend.url);
    params.set('key', invitation.backend.key);
  }
  return `${joinPage.replace(/#.*$/, '')}#${params.toString()}`;
}

export interface MessageInput extends Invitation {
  groupName: string;
  /** The join page's address; empty: the message has no link. */
  joinPage: string;
}

/**
 * The invitation message: what to do, in plain lines, then the code and (for a group not on
 * the build's own server) the server and its public key. Refuses a secret key.
 */
export function invitationMessage(input: MessageInput): { ok: true; message: string; link: string } | { ok: false; message: string } {
  if (input.backend && isSecretKey(input.backend.key)) {
    return {
      ok: false,
      message:
        'Readclub is set up with a secret server key, which must never be shared. Enter the project’s publishable key in Backend settings, then make the invitation.',
    };
  }
  const link = input.joinPage ? invitationLink(input.joinPage, input) : '';
  const lines = [
    `Join “${input.groupName}” on Readclub, our reading group's shared library.`,
    link
      ? `1. Install the Readclub browser extension: this page says how, ${link}`
      : '1. Install the Readclub browser extension (ask me where to get it for your browser).',
    '2. Open Readclub (its toolbar button or its Options) and paste this whole message into Join a group.',
    `${CODE_LABEL} ${input.code}`,
  ];
  if (input.backend) lines.push(`${SERVER_LABEL} ${input.backend.url}`, `${KEY_LABEL} ${input.backend.key}`);
  return { ok: true, message: lines.join('\n'), link };
}
