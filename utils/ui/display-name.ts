/**
 * The rules for a display name, as the database applies them (update_profile,
 * private.has_invisible): 1–80 characters after trimming, and no invisible format
 * characters (Unicode Cf: zero-width spaces, direction overrides and isolates, soft
 * hyphens…), which could make a name look like someone else's or reverse the text around it.
 */

/** What co-members see until a person chooses a name (never the email). */
export const NAME_PLACEHOLDER = 'New member';

export const INVISIBLE_MESSAGE =
  'A display name cannot hold invisible characters (zero-width spaces, direction marks); type it again without them.';

/** Whether the text holds an invisible format character (Unicode general category Cf). */
export function hasInvisible(text: string): boolean {
  return /\p{Cf}/u.test(text);
}

/** Why the name cannot be saved, in the server's words; null when it can. */
export function displayNameProblem(name: string): string | null {
  if (hasInvisible(name)) return INVISIBLE_MESSAGE;
  const length = [...name.trim().replace(/\s+/g, ' ')].length;
  if (length < 1 || length > 80) return 'A display name needs 1 to 80 characters.';
  return null;
}
