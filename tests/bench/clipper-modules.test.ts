import { describe, expect, it } from 'vitest';
import { attribute, decodeSegment, sourceOfEachChar, UNMAPPED } from './clipper-modules';

describe('bench: the clipper by source module', () => {
  it('decodes base64 VLQ segments, negative numbers and continuations included', () => {
    expect(decodeSegment('AAAA')).toEqual([0, 0, 0, 0]);
    expect(decodeSegment('GCAD')).toEqual([3, 1, 0, -1]);
    expect(decodeSegment('gB')).toEqual([16]);
  });

  it('gives each generated character the source of the segment it falls in, -1 where none', () => {
    // line 0: columns 0-2 from source 0, 3-5 from source 1; line 1: a segment without a source
    const owner = sourceOfEachChar('abcdef\nxyz', 'AAAA,GCAA;A');
    expect(Array.from(owner[0]!)).toEqual([0, 0, 0, 1, 1, 1]);
    expect(Array.from(owner[1]!)).toEqual([-1, -1, -1]);
  });

  it('counts minified bytes per module and what gzip loses without each', () => {
    const code = `${'a'.repeat(300)}${'b'.repeat(3)}\nzz`;
    const { total, modules } = attribute(code, { sources: ['one.ts', 'two.ts'], mappings: 'AAAA,4SCAA;A' }, (s) => `m/${s}`);
    expect(total.bytes).toBe(306);
    expect(Object.fromEntries(modules.map((m) => [m.module, m.bytes]))).toEqual({ 'm/one.ts': 300, 'm/two.ts': 3, [UNMAPPED]: 2 });
    expect(modules.every((m) => m.gzipMarginal > 0)).toBe(true);
  });
});
