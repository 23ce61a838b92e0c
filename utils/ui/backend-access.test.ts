import { beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { backendUrl } from '@/utils/shared/storage';
import { backendPattern, refusedMessage, releaseBackendAccess, requestBackendAccess } from './backend-access';

beforeEach(() => {
  fakeBrowser.reset();
  vi.restoreAllMocks();
});

describe('backendPattern', () => {
  it('is the scheme and host, any port and path', () => {
    expect(backendPattern('https://abcd.supabase.co')).toBe('https://abcd.supabase.co/*');
    expect(backendPattern('http://127.0.0.1:54321/')).toBe('http://127.0.0.1/*');
    expect(backendPattern('ftp://example.com')).toBeNull();
    expect(backendPattern('not a url')).toBeNull();
  });
});

describe('requestBackendAccess', () => {
  it("asks for the chosen backend's host only", async () => {
    const request = vi.spyOn(fakeBrowser.permissions, 'request').mockResolvedValue(true as never);
    expect(await requestBackendAccess('https://abcd.supabase.co')).toBe(true);
    expect(request).toHaveBeenCalledWith({ origins: ['https://abcd.supabase.co/*'] });
  });

  it('a refusal (or a browser that throws) is false, and the message says what did not happen', async () => {
    vi.spyOn(fakeBrowser.permissions, 'request')
      .mockResolvedValueOnce(false as never)
      .mockRejectedValueOnce(new Error('user gesture'));
    expect(await requestBackendAccess('https://abcd.supabase.co')).toBe(false);
    expect(await requestBackendAccess('https://abcd.supabase.co')).toBe(false);
    expect(refusedMessage('https://abcd.supabase.co')).toMatch(/permission to reach abcd\.supabase\.co; the backend was not changed/);
  });

  it("the build's own backend needs no asking", async () => {
    const request = vi.spyOn(fakeBrowser.permissions, 'request');
    expect(await requestBackendAccess(backendUrl.fallback)).toBe(true);
    expect(request).not.toHaveBeenCalled();
  });
});

describe('releaseBackendAccess', () => {
  it('gives back the previous custom backend, not the one now used or the build’s own', async () => {
    const remove = vi.spyOn(fakeBrowser.permissions, 'remove').mockResolvedValue(true as never);
    await releaseBackendAccess('https://old.supabase.co', 'https://new.supabase.co');
    expect(remove).toHaveBeenCalledWith({ origins: ['https://old.supabase.co/*'] });
    remove.mockClear();
    await releaseBackendAccess('https://same.supabase.co', 'https://same.supabase.co/');
    await releaseBackendAccess(backendUrl.fallback, 'https://new.supabase.co');
    expect(remove).not.toHaveBeenCalled();
  });
});
