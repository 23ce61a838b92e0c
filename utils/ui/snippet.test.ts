import { describe, expect, test } from 'vitest';
import { snippetParts } from './snippet';

describe('snippetParts', () => {
  test('splits the marked words from the text around them', () => {
    expect(snippetParts('Down by the \u0002estuary\u0003 the \u0002Estuaries\u0003 run')).toEqual([
      { text: 'Down by the ', mark: false },
      { text: 'estuary', mark: true },
      { text: ' the ', mark: false },
      { text: 'Estuaries', mark: true },
      { text: ' run', mark: false },
    ]);
  });

  test('a snippet starting with a marked word, or with none, or empty', () => {
    expect(snippetParts('\u0002Tide\u0003 tables')).toEqual([
      { text: 'Tide', mark: true },
      { text: ' tables', mark: false },
    ]);
    expect(snippetParts('no words marked')).toEqual([{ text: 'no words marked', mark: false }]);
    expect(snippetParts('')).toEqual([]);
  });

  test('markup in the text stays text; a mark left open or a stray end mark is dropped, not shown', () => {
    expect(snippetParts('<img src=x onerror=alert(1)> \u0002b\u0003')).toEqual([
      { text: '<img src=x onerror=alert(1)> ', mark: false },
      { text: 'b', mark: true },
    ]);
    expect(snippetParts('a \u0002open and\u0003 b \u0002never closed')).toEqual([
      { text: 'a ', mark: false },
      { text: 'open and', mark: true },
      { text: ' b never closed', mark: false },
    ]);
    expect(snippetParts('stray\u0003 end')).toEqual([{ text: 'stray end', mark: false }]);
  });
});
