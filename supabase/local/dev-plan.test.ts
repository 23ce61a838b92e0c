import { describe, expect, test } from 'vitest';
import {
  browserPlan,
  candidatePorts,
  choosePort,
  hasDisplay,
  loadInstructions,
  portFromEnv,
  portMovedLine,
  unknownFlags,
} from './dev-plan';

const none = new Set<string>();

describe('hasDisplay', () => {
  test('Linux needs DISPLAY or WAYLAND_DISPLAY', () => {
    expect(hasDisplay({}, 'linux')).toBe(false);
    expect(hasDisplay({ DISPLAY: '' }, 'linux')).toBe(false);
    expect(hasDisplay({ DISPLAY: ':0' }, 'linux')).toBe(true);
    expect(hasDisplay({ WAYLAND_DISPLAY: 'wayland-0' }, 'linux')).toBe(true);
    expect(hasDisplay({}, 'freebsd')).toBe(false);
  });

  test('macOS and Windows always have one', () => {
    expect(hasDisplay({}, 'darwin')).toBe(true);
    expect(hasDisplay({}, 'win32')).toBe(true);
  });
});

describe('browserPlan', () => {
  test('with a display, WXT opens Chromium', () => {
    expect(browserPlan({ env: { DISPLAY: ':0' }, platform: 'linux', flags: none, xvfbRun: '/usr/bin/xvfb-run' })).toEqual({ kind: 'open' });
  });

  test('without one, nothing is opened and the reason is said, xvfb-run or not', () => {
    for (const xvfbRun of ['/usr/bin/xvfb-run', undefined]) {
      const plan = browserPlan({ env: {}, platform: 'linux', flags: none, xvfbRun });
      expect(plan).toEqual({ kind: 'manual', reason: expect.stringMatching(/No display here/) });
    }
  });

  test('--xvfb uses xvfb-run when it is on PATH, and says so when it is not', () => {
    const flags = new Set(['--xvfb']);
    expect(browserPlan({ env: {}, platform: 'linux', flags, xvfbRun: '/usr/bin/xvfb-run' })).toEqual({
      kind: 'xvfb',
      xvfbRun: '/usr/bin/xvfb-run',
    });
    const plan = browserPlan({ env: {}, platform: 'linux', flags, xvfbRun: undefined });
    expect(plan.kind).toBe('manual');
    expect(plan.kind === 'manual' && plan.reason).toMatch(/xvfb-run, which is not on PATH/);
    // A real display wins over --xvfb.
    expect(browserPlan({ env: { DISPLAY: ':0' }, platform: 'linux', flags, xvfbRun: '/usr/bin/xvfb-run' })).toEqual({ kind: 'open' });
  });

  test('--no-browser opens nothing even with a display', () => {
    const plan = browserPlan({ env: { DISPLAY: ':0' }, platform: 'linux', flags: new Set(['--no-browser']), xvfbRun: undefined });
    expect(plan).toEqual({ kind: 'manual', reason: 'Not opening a browser (--no-browser).' });
  });
});

describe('ports', () => {
  test('54321 first, then a block above the ports supabase start uses, then any free port', () => {
    expect(candidatePorts()).toEqual([54321, 54331, 54332, 54333, 54334, 54335, 54336, 54337, 54338, 54339, 54340, 0]);
    expect(candidatePorts(65530)).toEqual([65530, 0]);
  });

  test('the first free candidate is taken', async () => {
    const taken = new Set([54321, 54331]);
    const asked: number[] = [];
    const isFree = async (port: number) => (asked.push(port), !taken.has(port));
    expect(await choosePort(candidatePorts(), isFree)).toBe(54332);
    expect(asked).toEqual([54321, 54331, 54332]);
    expect(await choosePort(candidatePorts(), async () => true)).toBe(54321);
    expect(await choosePort(candidatePorts(), async () => false)).toBe(0);
  });

  test('PORT must be a port number', () => {
    expect(portFromEnv(undefined)).toBeUndefined();
    expect(portFromEnv(' ')).toBeUndefined();
    expect(portFromEnv('54400')).toBe(54400);
    expect(portFromEnv('abc')).toEqual({ error: 'PORT must be a port number from 1 to 65535, not "abc".' });
    expect(portFromEnv('70000')).toEqual({ error: expect.stringMatching(/from 1 to 65535/) });
    expect(portFromEnv('0')).toEqual({ error: expect.stringMatching(/from 1 to 65535/) });
  });

  test('a moved backend is said in one line', () => {
    const line = portMovedLine(54321, 'http://127.0.0.1:54331');
    expect(line).toBe(
      'Port 54321 is in use by another program, so the local backend runs at http://127.0.0.1:54331 and the extension is built for it.',
    );
    expect(line).not.toMatch(/\n/);
  });
});

describe('words for the person running it', () => {
  test('unknown flags are named', () => {
    expect(unknownFlags(['--memory', '--xvfb', '--nope'])).toEqual(['--nope']);
  });

  test('loading by hand names the dev build folder, and the backend for a Firefox build when it moved', () => {
    const text = loadInstructions('/src/readclub/.output');
    expect(text).toMatch(/chrome:\/\/extensions.*Developer mode.*Load unpacked/s);
    expect(text).toContain('/src/readclub/.output/chrome-mv3-dev');
    expect(text).toMatch(/about:debugging.*Load Temporary Add-on.*\/src\/readclub\/.output\/firefox-mv2\/manifest.json/s);
    expect(text).toContain('`npx wxt build -b firefox`');
    expect(loadInstructions('/o', 'http://127.0.0.1:54331')).toContain(
      '`WXT_SUPABASE_URL=http://127.0.0.1:54331 npx wxt build -b firefox`',
    );
  });
});
