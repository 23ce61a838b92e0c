/** How a highlight is named in words: its quote shortened, who marked it, how many replies. */

/** The quote on one line, at most `max` characters, cut at a word with an ellipsis. */
export function shortQuote(exact: string, max = 80): string {
  const line = exact.replace(/\s+/g, ' ').trim();
  if (line.length <= max) return line;
  const cut = line.slice(0, max - 1);
  const word = cut.lastIndexOf(' ');
  return `${(word > max / 2 ? cut.slice(0, word) : cut).trimEnd()}…`;
}

export function repliesLabel(count: number): string {
  return count === 1 ? '1 reply' : `${count} replies`;
}

/** "Highlight by Ada, 2 replies": a mark's accessible name. */
export function highlightLabel(h: { author: { display_name: string }; reply_count: number }): string {
  return `Highlight by ${h.author.display_name}, ${repliesLabel(h.reply_count)}`;
}
