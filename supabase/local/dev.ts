/**
 * `npm run dev`: the local backend (with demo data) in this process, plus WXT's dev server,
 * which builds the extension for that backend, rebuilds it on change and opens Chromium with
 * it loaded. Where no browser can open (no display), the backend and the dev build keep
 * running and it says how to load the extension by hand. A browser that fails to open, or a
 * dev build that stops, never takes the backend down.
 *
 *   --memory, --reset, --no-seed   the backend's (see server.ts)
 *   --no-browser                   do not open a browser
 *   --xvfb                         no display: open Chromium in xvfb-run's virtual display
 *
 * Env: PORT (else 54321, or the first free port after it), WXT_SUPABASE_URL and
 * WXT_SUPABASE_PUBLISHABLE_KEY (build the extension for another backend), and the backend's.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { accessSync, constants, existsSync } from 'node:fs';
import { delimiter, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { backendBanner, DevError, startDevBackend, type DevBackend } from './dev-backend';
import { browserPlan, DEV_FLAGS, demoSignIn, loadInstructions, NO_BROWSER, unknownFlags, type BrowserPlan } from './dev-plan';
import { LOCAL_PUBLISHABLE_KEY, LOCAL_URL } from './keys';

const args = process.argv.slice(2);
const unknown = unknownFlags(args);
if (unknown.length > 0) {
  console.error(`Unknown option ${unknown.join(', ')}. Options: ${DEV_FLAGS.join(', ')}`);
  process.exit(2);
}
const flags = new Set(args);

const WXT_BIN = resolve('node_modules/wxt/bin/wxt.mjs');
const ERROR_HOOK = fileURLToPath(new URL('./dev-wxt-errors.mjs', import.meta.url));
if (!existsSync(WXT_BIN)) {
  console.error('WXT is not installed here: run npm install first.');
  process.exit(1);
}

const plan = browserPlan({ env: process.env, platform: process.platform, flags, xvfbRun: findOnPath('xvfb-run') });

const databaseUrl = process.env.DATABASE_URL || undefined;
const memory = flags.has('--memory') || process.env.LOCAL_BACKEND_MEMORY === '1';
let dev: DevBackend;
try {
  dev = await startDevBackend({
    databaseUrl,
    memory,
    reset: flags.has('--reset'),
    seed: flags.has('--no-seed') ? false : undefined,
    migrationsDir: process.env.MIGRATIONS_DIR || undefined,
  });
} catch (error) {
  console.error(error instanceof DevError ? error.message : `The local backend could not start: ${(error as Error)?.message ?? error}`);
  process.exit(1);
}
const { backend } = dev;

// The dev build talks to this backend with its publishable key, as a project created today would.
const extensionUrl = process.env.WXT_SUPABASE_URL || backend.url;
const extensionKey = process.env.WXT_SUPABASE_PUBLISHABLE_KEY || LOCAL_PUBLISHABLE_KEY;
const outBase = resolve(process.env.READCLUB_OUT_DIR ?? '.output');

console.log(backendBanner(backend, { databaseUrl, memory }));
if (dev.moved) console.log(process.env.WXT_SUPABASE_URL ? dev.moved.replace(/ and the extension is built for it\.$/, '.') : dev.moved);
if (process.env.WXT_SUPABASE_URL) console.log(`The extension is built for ${extensionUrl} (WXT_SUPABASE_URL).`);
console.log(`Readclub dev: ${demoSignIn(!flags.has('--no-seed'))}`);
if (plan.kind === 'manual') console.log(plan.reason);
if (plan.kind === 'xvfb') console.log(`No display here: Chromium opens in xvfb-run's virtual display (${plan.xvfbRun}), unseen.`);
console.log('');

let wxt: ChildProcess | undefined;
/** WXT processes started in a process group of their own (under xvfb-run). */
const grouped = new WeakSet<ChildProcess>();
let stopping = false;

/** WXT's dev server, opening a browser as `mode` says; its output passes through. */
function startWxt(mode: BrowserPlan['kind']): ChildProcess {
  const node = [process.execPath, '--import', ERROR_HOOK, WXT_BIN];
  const [command, ...commandArgs] = mode === 'xvfb' && plan.kind === 'xvfb' ? [plan.xvfbRun, '-a', ...node] : node;
  const child = spawn(command!, commandArgs, {
    // Under xvfb-run WXT runs in its own process group (xvfb-run passes no signals on, so the
    // group is stopped as a whole) and so cannot read the terminal.
    stdio: [mode === 'xvfb' ? 'ignore' : 'inherit', 'pipe', 'inherit'],
    detached: mode === 'xvfb',
    env: {
      ...process.env,
      ...(process.stdout.isTTY ? { FORCE_COLOR: process.env.FORCE_COLOR ?? '1' } : {}),
      WXT_SUPABASE_URL: extensionUrl,
      WXT_SUPABASE_PUBLISHABLE_KEY: extensionKey,
      ...(mode === 'manual' ? { [NO_BROWSER]: '1' } : {}),
    },
  });
  if (mode === 'xvfb') grouped.add(child);
  let told = mode !== 'manual';
  let recent = '';
  child.stdout!.on('data', (chunk: Buffer) => {
    process.stdout.write(chunk);
    if (told) return;
    const text = recent + chunk.toString();
    recent = text.slice(-20);
    if (text.includes('Built extension')) {
      told = true;
      // After the list of built files WXT prints next.
      setTimeout(() => console.log(`\n${loadInstructions(outBase, extensionUrl === LOCAL_URL ? undefined : extensionUrl)}\n`), 500);
    }
  });
  child.on('exit', (code, signal) => {
    if (stopping || child !== wxt) return;
    const interrupted = signal === 'SIGINT' || signal === 'SIGTERM' || signal === 'SIGHUP' || code === 130 || code === 143;
    if (code === 0 || interrupted) {
      // WXT quit (its browser closed, or Ctrl+C reached it first): stop the backend too, as when both were started together.
      void shutdown(0);
      return;
    }
    // 75: WXT said why itself (dev-wxt-errors.mjs).
    const why = code === 75 ? '' : signal ? ` (stopped by ${signal})` : ` (exit code ${code})`;
    if (mode !== 'manual') {
      console.error(
        `\nThe browser could not be opened, or it stopped with an error${why}. The backend keeps running at ${backend.url}; the dev build starts again without a browser.\n`,
      );
      wxt = startWxt('manual');
      return;
    }
    console.error(
      `\nThe dev build stopped${why}. The backend keeps running at ${backend.url}; press Ctrl+C to stop it, then run npm run dev again.\n`,
    );
  });
  return child;
}

async function shutdown(code: number): Promise<void> {
  if (stopping) return;
  stopping = true;
  const child = wxt;
  if (child && child.exitCode === null && child.signalCode === null) {
    const exited = new Promise((done) => child.once('exit', done));
    signalWxt(child, 'SIGTERM');
    const killed = setTimeout(() => signalWxt(child, 'SIGKILL'), 5000);
    await exited;
    clearTimeout(killed);
  }
  await backend.stop().catch((error: unknown) => console.error(`Stopping the backend: ${(error as Error)?.message ?? error}`));
  process.exit(code);
}

function signalWxt(child: ChildProcess, signal: NodeJS.Signals): void {
  try {
    if (grouped.has(child) && child.pid) process.kill(-child.pid, signal);
    else child.kill(signal);
  } catch {
    // Already gone.
  }
}

for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) process.on(signal, () => void shutdown(0));

wxt = startWxt(plan.kind);

/** The path of an executable on PATH, or undefined. */
function findOnPath(name: string): string | undefined {
  for (const dir of (process.env.PATH ?? '').split(delimiter)) {
    if (!dir) continue;
    const path = join(dir, name);
    try {
      accessSync(path, constants.X_OK);
      return path;
    } catch {
      // Not here.
    }
  }
  return undefined;
}
