import { describe, expect, test } from 'vitest';
import { countWords, isoDate, langDir, langTag, readableText } from './page-text';

describe('isoDate', () => {
  test.each([
    ['2015-02-24T19:56:33.374Z', '2015-02-24T19:56:33.374Z'],
    ['2024-05-01T09:30:00+02:00', '2024-05-01T07:30:00.000Z'],
    ['2024-05-01T09:30:00+0200', '2024-05-01T07:30:00.000Z'],
    // No zone is read as UTC, so the answer does not depend on the machine's time zone.
    ['2018-04-05T06:00', '2018-04-05T06:00:00.000Z'],
    ['2018-04-05 06:00:00', '2018-04-05T06:00:00.000Z'],
    ['2024-06-25', '2024-06-25T00:00:00.000Z'],
    ['2020/05/13', '2020-05-13T00:00:00.000Z'],
    ['2020/5/3', '2020-05-03T00:00:00.000Z'],
    ['20200513', '2020-05-13T00:00:00.000Z'],
    ['2020-05', '2020-05-01T00:00:00.000Z'],
    ['2020', '2020-01-01T00:00:00.000Z'],
    ['Tue, 24 Feb 2015 19:56:33 GMT', '2015-02-24T19:56:33.000Z'],
    ['February 24, 2015', '2015-02-24T00:00:00.000Z'],
    ['  2024-06-25  ', '2024-06-25T00:00:00.000Z'],
  ])('%s → %s', (raw, expected) => {
    expect(isoDate(raw)).toBe(expected);
  });

  test.each([
    [null],
    [''],
    ['TBD'],
    ['yesterday'],
    ['0000-00-00'],
    ['0000-00-00T00:00:00Z'],
    ['2024-02-30'],
    ['2024-13-01'],
    ['9999-12-31'],
    ['12/05/2020'],
    ['1'],
    ['Published 3 hours ago'],
    ['2024-05-01T25:00:00Z'],
    ['x'.repeat(100)],
  ])('garbage %s → null', (raw) => {
    expect(isoDate(raw)).toBeNull();
  });
});

describe('langTag and langDir', () => {
  test.each([
    ['en', 'en'],
    ['en-us', 'en-us'],
    ['pt_BR', 'pt-BR'],
    ['de, en', 'de'],
    [' fr ', 'fr'],
    ['zh-Hant-TW', 'zh-Hant-TW'],
    ['english', null],
    ['', null],
    [null, null],
    ['<script>', null],
  ])('langTag(%s) → %s', (raw, expected) => {
    expect(langTag(raw)).toBe(expected);
  });

  test.each([
    ['ar', 'rtl'],
    ['he', 'rtl'],
    ['iw', 'rtl'],
    ['fa-IR', 'rtl'],
    ['ur', 'rtl'],
    ['yi', 'rtl'],
    ['ckb', 'rtl'],
    ['az-Arab', 'rtl'],
    ['pa-Arab-PK', 'rtl'],
    ['ks-Deva', 'ltr'],
    ['en', 'ltr'],
    ['ja', 'ltr'],
    ['tr', 'ltr'],
    [null, null],
    ['nonsense tag', null],
  ])('langDir(%s) → %s', (tag, expected) => {
    expect(langDir(tag)).toBe(expected);
  });
});

describe('countWords', () => {
  test.each([
    ['', 0],
    ['   ', 0],
    ['One two  three\nfour', 4],
    ['Punctuation alone — is not a word !', 6],
    ["it's 3 o'clock, 2024-05-01", 4],
    // Each Chinese/Japanese/Thai character is a word; Korean uses spaces.
    ['读书会', 3],
    ['欲張りなイヌ', 6],
    ['สวัสดี', 6],
    ['책을 함께 읽어요', 3],
    ['Readclub で 読書会', 5],
    ['שלום עולם, مرحبا بالعالم', 4],
  ])('%j has %i words', (text, expected) => {
    expect(countWords(text)).toBe(expected);
  });
});

describe('readableText', () => {
  test('block edges separate words; inline edges do not', async () => {
    const { parseHTML } = await import('linkedom');
    const { document } = parseHTML('<div id="x"><p>one</p><p>two<b>three</b></p><ul><li>four</li><li>five<br>six</li></ul></div>');
    expect(readableText(document.getElementById('x') as unknown as Node)).toBe('one twothree four five six');
  });
});
