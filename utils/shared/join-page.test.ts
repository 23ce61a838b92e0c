import { expect, test } from 'vitest';
import { joinPageUrl } from './join-page';

test('WXT_JOIN_PAGE_URL when the build sets it', () => {
  expect(joinPageUrl(' https://readclub.example/join ', 'https://abcd.supabase.co')).toBe('https://readclub.example/join');
});

test('a build for the local stand-in uses its /join page', () => {
  expect(joinPageUrl('', 'http://127.0.0.1:54321')).toBe('http://127.0.0.1:54321/join');
  expect(joinPageUrl('', 'http://localhost:54400/')).toBe('http://localhost:54400/join');
});

test('a build for a hosted project without a join page: no link', () => {
  expect(joinPageUrl('', 'https://abcd.supabase.co')).toBe('');
});
