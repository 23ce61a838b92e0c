import { describe, expect, test } from 'vitest';
import { foldOf, siteOf, targetLines, verdicts, type Counts, type FoldPage } from './folds';

describe('siteOf (the unit the folds split by)', () => {
  test.each([
    ['https://www.example.de/a/b', 'example.de'],
    ['https://blog.python.org/2020/x.html', 'python.org'],
    ['https://one.wordpress.com/p', 'wordpress.com'],
    ['https://www.laestrella.com.pa/nacional', 'laestrella.com.pa'],
    ['https://web.archive.org/web/20160330101229/http://muffinrezept.net/muffin', 'muffinrezept.net'],
    ['hard::100noticias.com-millones.html', '100noticias.com'],
    ['hard::dw.com.colonial.html', 'dw.com'],
    ['hard::laestrella.com.pa-laboral.html', 'laestrella.com.pa'],
    ['recall::elnuevoherald.com-miami.html', 'elnuevoherald.com'],
    ['xhttps://www.zoo-berlin.de/de/aktuelles', 'zoo-berlin.de'],
  ])('%s is %s', (url, site) => expect(siteOf(url)).toBe(site));
});

describe('foldOf', () => {
  test('is stable and spreads sites over every fold', () => {
    expect(foldOf('example.de')).toBe(foldOf('example.de'));
    const folds = new Set(Array.from({ length: 50 }, (_, i) => foldOf(`site${i}.example`)));
    expect(folds.size).toBe(5);
  });
});

describe('verdicts', () => {
  const c = (tp: number, fp: number, fn: number): Counts => ({ tp, fp, fn, tn: 0 });
  // one page per site; pick sites so they land in different folds
  const sites = Array.from({ length: 40 }, (_, i) => `s${i}.example`);
  const byFold = (fold: number) => sites.filter((s) => foldOf(s) === fold);
  const page = (site: string, gain: boolean): FoldPage => ({
    id: site,
    site,
    extract: gain ? c(3, 0, 0) : c(2, 1, 1),
    readability: c(2, 1, 1),
    without: { 'appeal-copyright': gain ? c(2, 1, 1) : c(3, 0, 0) },
  });

  test('a rule that gains on most folds and sites is kept; one that gains on one site only is dropped', () => {
    const spread = [0, 1, 2, 3].map((f) => page(byFold(f)[0]!, true)).concat(page(byFold(4)[0]!, false));
    expect(verdicts(spread, ['appeal-copyright'])[0]).toMatchObject({ keep: true, changed: 5, sitesGained: 4, sitesLost: 1 });
    const single = [page(byFold(0)[0]!, true)];
    expect(verdicts(single, ['appeal-copyright'])[0]).toMatchObject({ keep: false, sitesGained: 1 });
  });

  test('a rule that loses on most folds is dropped even when it gains overall', () => {
    const big = (site: string): FoldPage => ({ ...page(site, true), extract: c(30, 0, 0), without: { 'appeal-copyright': c(0, 0, 30) } });
    const pages = [
      big(byFold(0)[0]!),
      big(byFold(0)[1]!),
      page(byFold(1)[0]!, false),
      page(byFold(2)[0]!, false),
      page(byFold(3)[0]!, false),
    ];
    const [v] = verdicts(pages, ['appeal-copyright']);
    expect(v!.overall).toBeGreaterThan(0);
    expect(v!.keep).toBe(false);
  });
});

describe('targetLines', () => {
  const c = (tp: number, fp: number, fn: number): Counts => ({ tp, fp, fn, tn: 0 });
  const sites = Array.from({ length: 40 }, (_, i) => `t${i}.example`);
  const perFold = (gain: (fold: number) => boolean): FoldPage[] =>
    [0, 1, 2, 3, 4].map((fold) => {
      const site = sites.find((s) => foldOf(s) === fold)!;
      return { id: site, site, extract: gain(fold) ? c(10, 0, 0) : c(9, 1, 1), readability: c(9, 1, 1), without: {} };
    });

  test('says whether the development-set F1 reaches its target', () => {
    expect(targetLines(c(93, 7, 7), c(80, 20, 20))[0]).toBe('Target: development-set F1 ≥ 0.930: 0.930, met');
    expect(targetLines(c(92, 8, 8), c(80, 20, 20))[0]).toBe('Target: development-set F1 ≥ 0.930: 0.920, NOT MET');
  });

  test('with folds, prints each fold’s gain over plain Readability against the unseen-site target, its least deciding', () => {
    const all = perFold(() => true);
    expect(targetLines(c(50, 0, 0), c(45, 5, 5), all)[1]).toMatch(/least \+0\.100, met on this set/);
    const one = perFold((fold) => fold !== 3);
    expect(targetLines(c(50, 0, 0), c(45, 5, 5), one)[1]).toMatch(
      /\+0\.100, \+0\.100, \+0\.100, \+0\.000, \+0\.100; least \+0\.000, NOT MET/,
    );
  });
});
