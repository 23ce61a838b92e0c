import { describe, expect, it } from 'vitest';
import { seedShape, seedSql, seedVersion } from './db-seed';

describe('database bench seed', () => {
  it('scale 1 is the full size: 1,000,000 items across 10,000 groups, one 500-item group', () => {
    expect(seedShape(1)).toMatchObject({ items: 1_000_000, groups: 10_000, benchGroupItems: 500 });
    expect(seedShape(0.01)).toMatchObject({ items: 10_000, groups: 100 });
  });

  it('refuses a scale outside (0, 1] with a clear message', () => {
    expect(() => seedShape(0)).toThrow(/--db-scale/);
    expect(() => seedShape(2)).toThrow(/--db-scale/);
    expect(() => seedShape(Number.NaN)).toThrow(/--db-scale/);
  });

  it('is set-based: every step is one statement over generate_series, none loops row by row', () => {
    const steps = seedSql(seedShape(1));
    expect(steps.filter((s) => /generate_series/.test(s)).length).toBeGreaterThanOrEqual(6);
    expect(steps.join('\n')).not.toMatch(/\bloop\b/i);
    expect(steps.join('\n')).toContain('1000000');
  });

  it('names a seeded database by its migrations, seed and scale, so a changed migration reseeds and an unchanged one reuses', () => {
    const migrations = [{ name: '1_a', sql: 'create table a ();' }];
    const shape = seedShape(0.01);
    expect(seedVersion(migrations, shape)).toBe(seedVersion([...migrations], shape));
    expect(seedVersion([{ name: '1_a', sql: 'create table a (x int);' }], shape)).not.toBe(seedVersion(migrations, shape));
    expect(seedVersion([...migrations, { name: '2_b', sql: '' }], shape)).not.toBe(seedVersion(migrations, shape));
    expect(seedVersion(migrations, seedShape(0.02))).not.toBe(seedVersion(migrations, shape));
  });
});
