import { describe, expect, test } from 'vitest';
import { displayNameProblem, hasInvisible, INVISIBLE_MESSAGE } from './display-name';

describe('displayNameProblem', () => {
  test.each(['Ada', '  Grace   Hopper ', 'Dané דנה 丹', 'x'.repeat(80), '📚 Marie'])('%s is fine', (name) => {
    expect(displayNameProblem(name)).toBeNull();
  });

  test.each([
    ['zero-width space', 'Dan\u200B'],
    ['right-to-left override', '\u202Enad'],
    ['isolate', 'Dan\u2066x\u2069'],
    ['soft hyphen', 'Da\u00ADn'],
    ['byte order mark', '\uFEFFDan'],
    ['tag character', 'Dan\u{E0041}'],
  ])('refuses a %s with a clear message', (_what, name) => {
    expect(hasInvisible(name)).toBe(true);
    expect(displayNameProblem(name)).toBe(INVISIBLE_MESSAGE);
  });

  test('needs 1 to 80 characters', () => {
    expect(displayNameProblem('   ')).toMatch(/1 to 80/);
    expect(displayNameProblem('x'.repeat(81))).toMatch(/1 to 80/);
  });

  test('a zero-width joiner inside an emoji is a format character too (the database refuses it the same way)', () => {
    expect(hasInvisible('👩\u200D🔬')).toBe(true);
  });
});
