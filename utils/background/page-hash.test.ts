import { describe, expect, it } from 'vitest';
import { pageHash, sha256Hex } from './page-hash';

describe('pageHash', () => {
  it('is the lower-case hex SHA-256 the database computes (private.url_hash, checked in supabase/tests/privacy.sql)', async () => {
    expect(await sha256Hex('https://example.com/maps/paper-towns')).toBe(
      '73611e5c67f7c967d710c2758838a8cb58703a3cabcdcfc8188ff2b9028e539d',
    );
  });

  it('hashes the normalised address: http, www., a trailing slash, tracking parameters and a fragment make no difference', async () => {
    const expected = await sha256Hex('https://example.com/maps/paper-towns');
    expect(await pageHash('http://WWW.example.com/maps/paper-towns/?utm_campaign=x&fbclid=y#map-3')).toBe(expected);
    expect(await pageHash('https://example.com/maps/paper-towns')).toBe(expected);
  });

  it('keeps meaningful query parameters apart, and never contains the address', async () => {
    const hash = await pageHash('https://example.com/maps/paper-towns?page=2&secret=token');
    expect(hash).not.toBe(await pageHash('https://example.com/maps/paper-towns'));
    expect(hash).toMatch(/^[0-9a-f]{64}$/);
  });
});
