import { describe, expect, test } from 'vitest';
import { parseHTML } from 'linkedom';
import { extractArticle } from './extract';
import { RULES, type Rule, type Rules } from './rules';

const parse = (html: string) => parseHTML(html).document as unknown as Document;
const para = (i: number) =>
  `<p>Paragraph ${i} of the essay is long enough to be the prose a reader came for, with a sentence or two more than a caption or a teaser line would ever hold.</p>`;
const html =
  '<!DOCTYPE html><html><head><title>An essay</title></head><body><article><h1>An essay</h1>' +
  `${Array.from({ length: 6 }, (_, i) => para(i)).join('')}<p>© 2026 Essays Example. All rights reserved.</p>` +
  '<div class="author-bio"><p>The author of this essay writes about reading groups, libraries and the books that members bring to their meetings, and has done so for many years.</p></div></article></body></html>';
const text = (rules?: Rules): string => {
  const result = extractArticle(parse(html), 'https://essays.example/essay', undefined, rules);
  if (!result.ok) throw new Error(result.detail);
  return parse(`<!DOCTYPE html><html><body>${result.clip.content_html ?? ''}</body></html>`).body.textContent ?? '';
};

describe('rule switches (for the evaluation; the clipper runs every rule)', () => {
  test('every rule is on by default, and a rule that acted is recorded', () => {
    const rules: Rules = { off: new Set(), fired: new Set() };
    expect(text(rules)).toBe(text());
    expect(text()).not.toMatch(/All rights reserved|The author of this essay/);
    expect([...rules.fired!].sort()).toEqual(['appeal-copyright', 'boilerplate']);
  });

  test('a rule switched off changes only what it does', () => {
    const without = (rule: Rule) => text({ off: new Set([rule]) });
    expect(without('appeal-copyright')).toContain('All rights reserved');
    expect(without('appeal-copyright')).not.toContain('The author of this essay');
    expect(without('boilerplate')).toContain('The author of this essay');
    expect(without('boilerplate')).not.toContain('All rights reserved');
    // a rule that did not act changes nothing when off
    expect(without('standfirst')).toBe(text());
  });

  test('the list names each rule once', () => {
    expect(new Set(RULES).size).toBe(RULES.length);
  });
});
