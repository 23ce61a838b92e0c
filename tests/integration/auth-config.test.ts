/**
 * supabase/config.toml's auth settings, as `supabase config push` would send them to a
 * hosted project: the file parses with the pinned CLI, and both mails a member can get
 * ("Confirm signup" for a new address, "Magic link" after) show the 6-digit code.
 */
import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';

const ROOT = join(import.meta.dirname, '../..');
const CONFIG = readFileSync(join(ROOT, 'supabase/config.toml'), 'utf8');

/** [section] → its lines, for the few keys checked here. */
function section(name: string): string {
  const start = CONFIG.indexOf(`\n[${name}]\n`);
  if (start < 0) return '';
  const rest = CONFIG.slice(start + name.length + 4);
  const end = rest.search(/\n\[/);
  return end < 0 ? rest : rest.slice(0, end);
}

const value = (text: string, key: string) => new RegExp(`^${key}\\s*=\\s*(.+)$`, 'm').exec(text)?.[1]?.trim();

describe('auth settings in supabase/config.toml', () => {
  it.each(['confirmation', 'magic_link'])('the %s mail shows the code ({{ .Token }})', (template) => {
    const block = section(`auth.email.template.${template}`);
    const path = value(block, 'content_path')?.replace(/^"|"$/g, '');
    expect(path, `[auth.email.template.${template}] content_path`).toBeTruthy();
    const file = join(ROOT, path!);
    expect(existsSync(file)).toBe(true);
    expect(readFileSync(file, 'utf8')).toMatch(/\{\{\s*\.Token\s*\}\}/);
    expect(value(block, 'subject')).toBeTruthy();
  });

  it('asks for 6-digit codes that expire, and keeps the hosted verify limit', () => {
    expect(value(section('auth.email'), 'otp_length')).toBe('6');
    expect(Number(value(section('auth.email'), 'otp_expiry'))).toBeLessThanOrEqual(3600);
    expect(value(section('auth.rate_limit'), 'token_verifications')).toBe('30');
    // A push must not replace the hosted project's Site URL with a local address.
    expect(section('auth')).not.toMatch(/^site_url/m);
  });

  it('parses as `supabase config push` (CLI 2.117) reads it, before it reaches the network', async () => {
    const home = mkdtempSync(join(tmpdir(), 'readclub-cli-'));
    try {
      const cli = join(ROOT, 'node_modules/.bin/supabase');
      const run = await promisify(execFile)(cli, ['config', 'push', '--project-ref', 'abcdefghijklmnopqrst'], {
        cwd: ROOT,
        // A made-up token: the push stops at the Management API (offline or 401), after parsing.
        env: { ...process.env, HOME: home, SUPABASE_ACCESS_TOKEN: `sbp_${'0'.repeat(40)}`, CI: '1' },
        timeout: 60_000,
      }).then(
        (done) => `${done.stdout}${done.stderr}`,
        (failed: { stdout?: string; stderr?: string }) => `${failed.stdout ?? ''}${failed.stderr ?? ''}`,
      );
      expect(run).not.toMatch(/failed to parse|SchemaError|Missing required field/i);
      expect(run).toMatch(/Pushing config to: abcdefghijklmnopqrst/);
    } finally {
      rmSync(home, { recursive: true, force: true });
    }
  }, 90_000);
});
