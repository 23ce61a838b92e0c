import { describe, expect, it } from 'vitest';
import { decodePage, sampleIds } from './pages';

describe('bench pages', () => {
  it('samples the same evenly spaced ids whatever order they come in', () => {
    const ids = Array.from({ length: 10 }, (_, i) => String(i).padStart(2, '0'));
    expect(sampleIds(ids, 3)).toEqual(['00', '03', '06']);
    expect(sampleIds([...ids].reverse(), 3)).toEqual(['00', '03', '06']);
    expect(sampleIds(ids, 20)).toEqual(ids);
    expect(sampleIds(ids, 0)).toEqual([]);
  });

  it('decodes valid UTF-8 as UTF-8, else by the declared charset, else as windows-1252', () => {
    expect(decodePage(new TextEncoder().encode('<p>café</p>'))).toBe('<p>café</p>');
    // 0xC6 is not valid UTF-8 on its own; in windows-1251 it is Cyrillic "Ж".
    const cyrillic = Uint8Array.from([...Buffer.from('<meta charset="windows-1251"><p>', 'latin1'), 0xc6]);
    expect(decodePage(cyrillic)).toBe('<meta charset="windows-1251"><p>Ж');
    expect(decodePage(Uint8Array.from([0x63, 0x61, 0x66, 0xe9]))).toBe('café');
  });
});
