/**
 * `npm run dev`: the local backend (with demo data) plus WXT's dev server, which opens
 * a browser with the extension loaded and reloads it on change.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';

const children: ChildProcess[] = [];
function run(cmd: string, args: string[], env: NodeJS.ProcessEnv = {}): ChildProcess {
  const child = spawn(cmd, args, { stdio: 'inherit', env: { ...process.env, ...env } });
  children.push(child);
  child.on('exit', (code) => {
    stopAll();
    process.exit(code ?? 0);
  });
  return child;
}
function stopAll(): void {
  for (const child of children) if (child.exitCode === null) child.kill('SIGTERM');
}
process.on('SIGINT', stopAll);
process.on('SIGTERM', stopAll);

async function waitForBackend(url: string): Promise<void> {
  for (let attempt = 0; attempt < 120; attempt++) {
    try {
      await fetch(`${url}/auth/v1/health`);
      return;
    } catch {
      await new Promise((resolve) => setTimeout(resolve, 500));
    }
  }
  throw new Error(`The local backend did not start at ${url}`);
}

const backendUrl = 'http://127.0.0.1:54321';
run('npx', ['tsx', 'supabase/local/server.ts', ...process.argv.slice(2)]);
await waitForBackend(backendUrl);
console.log(`
Readclub dev: backend at ${backendUrl} with demo data.
Sign in as ada@readclub.test (or ben@, cleo@); the code appears in this console.
`);
// Debian's Chromium lives at /usr/bin/chromium; WXT's runner finds Chrome itself elsewhere.
const chromePath = existsSync('/usr/bin/chromium') ? { CHROME_PATH: '/usr/bin/chromium' } : {};
run('npx', ['wxt'], { ...chromePath, WXT_SUPABASE_URL: backendUrl });
