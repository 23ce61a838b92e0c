import { describe, expect, test } from 'vitest';
import { isLocalBackend } from './local-backend';

describe('isLocalBackend', () => {
  test('this machine, any port', () => {
    for (const url of [
      'http://127.0.0.1:54321',
      'http://127.0.0.1:54331',
      'http://localhost:54321',
      'http://[::1]:54321',
      'http://127.0.1.1/',
    ]) {
      expect(isLocalBackend(url)).toBe(true);
    }
  });

  test('anything else, or no URL', () => {
    for (const url of ['https://abcd.supabase.co', 'http://127.0.0.1.example.org', 'https://localhost.example.org', '', 'not a url']) {
      expect(isLocalBackend(url)).toBe(false);
    }
  });
});
