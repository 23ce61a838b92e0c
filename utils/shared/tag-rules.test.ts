import { describe, expect, test } from 'vitest';
import { completeTag, normaliseTag, splitTags, suggestTags, tagProblem } from './tag-rules';

describe('tag rules (mirror private.clean_tags)', () => {
  test('normalises as the database does: trimmed, no #, spaces collapsed, lower-case', () => {
    expect(normaliseTag('  #Remote   Work ')).toBe('remote work');
    expect(splitTags('Essay, essay ,, #ESSAY, 📚 Books')).toEqual(['essay', '📚 books']);
  });

  test('emoji and SQL-looking tags are fine: they are only text', () => {
    expect(tagProblem(['📚 books', "'); drop table items; --"])).toBeNull();
  });

  test('HTML is refused with the database message', () => {
    expect(tagProblem(['<script>'])).toBe('A tag is plain text: it cannot contain < or > or control characters.');
  });

  test('40 characters are allowed (emoji count as one), 41 are not', () => {
    expect(tagProblem(['é'.repeat(40)])).toBeNull();
    expect(tagProblem(['📚'.repeat(40)])).toBeNull();
    expect(tagProblem(['x'.repeat(41)])).toBe('A tag can be at most 40 characters.');
  });

  test('a thousand tags, or tags past 20 on one item, are refused saying how many it has', () => {
    const thousand = Array.from({ length: 1000 }, (_, n) => `tag ${n}`);
    expect(tagProblem(thousand)).toBe('An article can have at most 20 tags.');
    const have = Array.from({ length: 19 }, (_, n) => `t${n}`);
    expect(tagProblem(['new', 'newer'], have)).toBe('An article can have at most 20 tags (this one has 19 already).');
    expect(tagProblem(['t1', 'new'], have)).toBeNull();
  });

  test('suggests the group tags completing the last tag typed, without ones already there', () => {
    const all = [
      { tag: 'essay', count: 3 },
      { tag: 'economics', count: 2 },
      { tag: 'remote work', count: 1 },
    ];
    expect(suggestTags(all, 'remote work, e', ['economics']).map((t) => t.tag)).toEqual(['essay']);
    expect(suggestTags(all, '').map((t) => t.tag)).toEqual(['essay', 'economics', 'remote work']);
    expect(completeTag('remote work, es', 'essay')).toBe('remote work, essay, ');
    expect(completeTag('es', 'essay')).toBe('essay, ');
  });
});
