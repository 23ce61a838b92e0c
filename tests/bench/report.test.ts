import { describe, expect, it } from 'vitest';
import { failureLines, overall, overallTable, pageFigures, sizeTable } from './report';
import type { PageTiming } from './timing';

const ok = { ms: 1, ok: true, note: '' };
const timing = (name: string, over: Partial<PageTiming> = {}): PageTiming => ({
  name,
  clipper: [4, 2, 6],
  readability: [2, 1, 3],
  clipperResult: ok,
  readabilityResult: ok,
  error: '',
  ...over,
});

describe('bench report', () => {
  it("takes each page's ratio from the two medians", () => {
    expect(pageFigures(timing('a')).ratio).toBe(2);
  });

  it('keeps the extraction-only ratio apart from the per-click one (the budget line), and has none when it was not timed', () => {
    const page = pageFigures(timing('a', { clipperRun: [3, 3, 3], readabilityRun: [2, 2, 2] }));
    expect(page.ratio).toBe(2);
    expect(page.runRatio).toBe(1.5);
    const o = overall([page, pageFigures(timing('b'))]);
    expect(o.medianPageRatio).toBe(2);
    expect(o.medianPageRunRatio).toBe(1.5);
    expect(overall([pageFigures(timing('c'))]).medianPageRunRatio).toBeNull();
    expect(overallTable(o)).toMatch(
      /per click \(the budget line\): median per-page ratio 2\.00x \(budget 1\.3x, ceiling 2x\) {2}OVER BUDGET;[\s\S]*extraction only: median per-page ratio 1\.50x/,
    );
    const slower = overall([pageFigures(timing('d', { clipper: [5], readability: [2] }))]);
    expect(overallTable(slower)).toMatch(/median per-page ratio 2\.50x \(budget 1\.3x, ceiling 2x\) {2}OVER CEILING;/);
  });

  it('counts a clipper that threw as a failure, one that declined the page as declined, and leaves untimed and baseline pages out of the figures', () => {
    const pages = [
      timing('fine', { clipper: [10], readability: [5] }),
      timing('declined', { clipperResult: { ms: 1, ok: false, note: 'unclippable: not an article' } }),
      timing('threw', { clipperResult: { ms: 1, ok: false, note: 'threw: TypeError' } }),
      timing('no-article', { readabilityResult: { ms: 1, ok: false, note: 'no article' } }),
      timing('baseline/empty', {
        clipper: [3],
        readability: [1],
        clipperResult: { ms: 1, ok: false, note: 'unclippable: not an article' },
      }),
      timing('hung', { clipper: [], readability: [], clipperResult: null, readabilityResult: null, error: 'clipper took over 60 s' }),
    ].map(pageFigures);
    const o = overall(pages);
    expect(o.failures).toEqual([
      { name: 'threw', what: 'clipper threw: TypeError' },
      { name: 'hung', what: 'clipper took over 60 s' },
    ]);
    expect(o.clipperDeclined).toEqual(['declined']);
    expect(o.readabilityNoArticle).toEqual(['no-article']);
    expect(o.timed).toBe(4); // the baseline page is reported apart
    expect(o.pages).toBe(5);
    expect(o.emptyPageClipperMs).toBe(3);
    expect(o.clipper.max).toBe(10);
  });

  it('prints a failure that hit many pages once, with the count and the first few pages', () => {
    const failures = ['a', 'b', 'c', 'd'].map((name) => ({ name, what: 'clipper threw: Error: no DOM' }));
    expect(failureLines([...failures, { name: 'e', what: 'hung' }])).toBe(
      '\n  4 x clipper threw: Error: no DOM: a, b, c, …\n  1 x hung: e',
    );
  });

  it("prints the clipper's 25 KB ceiling beside its 20 KB budget, and marks which one a size passes", () => {
    const entry = (gzip: number) => ({ file: 'x.js', files: ['x.js'], bytes: gzip * 3, gzip });
    const rows = (gzip: number) => sizeTable({ clipper: entry(gzip), popup: entry(1024) }, []).split('\n');
    const clipper = (gzip: number) => rows(gzip).find((line) => line.startsWith('clipper'))!;
    expect(rows(1024)[0]).toMatch(/budget gzip KB\s+ceiling gzip KB/);
    expect(clipper(19 * 1024)).toMatch(/19\.0\s+20\.0\s+25\.0$/);
    expect(clipper(24 * 1024)).toMatch(/24\.0\s+20\.0\s+25\.0\s+OVER BUDGET$/);
    expect(clipper(26 * 1024)).toMatch(/26\.0\s+20\.0\s+25\.0\s+OVER CEILING$/);
    expect(rows(1024).find((line) => line.startsWith('popup'))).toMatch(/30\.0\s+-$/);
  });
});
