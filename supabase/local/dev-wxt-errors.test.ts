import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';

const HOOK = join(import.meta.dirname, 'dev-wxt-errors.mjs');

/** Runs `code` in a Node process with the hook loaded, as dev.ts runs WXT. */
function run(code: string) {
  return spawnSync(process.execPath, ['--import', HOOK, '-e', code], { encoding: 'utf8', timeout: 20_000 });
}

describe('dev-wxt-errors.mjs, loaded into WXT by npm run dev', () => {
  test('an error nothing caught (the browser runner losing Chromium) ends the process with one sentence and code 75', () => {
    const result = run(`
      const { Socket } = require('node:net');
      const socket = new Socket();
      setTimeout(() => socket.emit('error', Object.assign(new Error('read ECONNRESET'), { code: 'ECONNRESET' })));
    `);
    expect(result.status).toBe(75);
    expect(result.stderr.trim()).toBe('WXT stopped: read ECONNRESET');
  });

  test('a rejected promise nothing awaited, too', () => {
    const result = run(`Promise.reject(new Error('Chromium exited early'))`);
    expect(result.status).toBe(75);
    expect(result.stderr.trim()).toBe('WXT stopped: Chromium exited early');
  });

  test('a process that ends well is left alone', () => {
    const result = run(`console.log('built')`);
    expect(result.status).toBe(0);
    expect(result.stdout.trim()).toBe('built');
  });
});
