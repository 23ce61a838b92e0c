/**
 * A member's picture beside their name: their avatar_url when it is an http(s) address that
 * loads, else their initials. The image is remote and sent without a referrer, so the host
 * never learns which page of the extension showed it.
 */
import { useState } from 'preact/hooks';

export interface AvatarPerson {
  display_name: string;
  avatar_url?: string | null;
}

/** The address when it is absolute http(s); anything else (javascript:, data:, relative) is not shown. */
export function safeAvatarUrl(url: string | null | undefined): string | null {
  if (!url) return null;
  try {
    const parsed = new URL(url);
    return parsed.protocol === 'https:' || parsed.protocol === 'http:' ? parsed.href : null;
  } catch {
    return null;
  }
}

/** Up to two letters: the first of the first and last words ("Ada Lovelace" → "AL"). */
export function initials(name: string): string {
  const words = name.trim().split(/\s+/).filter(Boolean);
  if (words.length === 0) return '?';
  const first = [...words[0]!][0] ?? '';
  const last = words.length > 1 ? ([...words[words.length - 1]!][0] ?? '') : '';
  return (first + last).toUpperCase();
}

export function Avatar({ person, size = 20 }: { person: AvatarPerson; size?: number }) {
  const [failed, setFailed] = useState(false);
  const url = safeAvatarUrl(person.avatar_url);
  const box = { width: `${size}px`, height: `${size}px`, fontSize: `${Math.round(size * 0.45)}px` };
  if (url && !failed) {
    return (
      <img
        class="avatar"
        src={url}
        alt={person.display_name}
        referrerpolicy="no-referrer"
        loading="lazy"
        width={size}
        height={size}
        style={box}
        onError={() => setFailed(true)}
        data-testid="avatar"
      />
    );
  }
  return (
    <span class="avatar initials" role="img" aria-label={person.display_name} style={box} data-testid="avatar">
      {initials(person.display_name)}
    </span>
  );
}
