/**
 * `npm run dev`: the local backend (with demo data) in this process, plus WXT's dev
 * server, which opens Chromium with the extension loaded and reloads it on change.
 * Flags are the backend's (see server.ts): --memory, --reset, --no-seed.
 */
import { spawn } from 'node:child_process';
import { LOCAL_PUBLISHABLE_KEY } from './keys';
import { backend } from './server';

console.log(`Readclub dev: sign in as ada@readclub.test (or ben@, cleo@); codes appear in this console.
Demo group "Thursday Reading Circle", invite code DEMO-CIRCLE.
`);
// In this process's lifetime only: when either side stops, the other stops too.
// The dev build talks to this backend with its publishable key, as a project created today would.
const wxt = spawn('node_modules/.bin/wxt', [], {
  stdio: 'inherit',
  env: {
    ...process.env,
    WXT_SUPABASE_URL: process.env.WXT_SUPABASE_URL || backend.url,
    WXT_SUPABASE_PUBLISHABLE_KEY: process.env.WXT_SUPABASE_PUBLISHABLE_KEY || LOCAL_PUBLISHABLE_KEY,
  },
});
wxt.on('exit', (code) => process.exit(code ?? 0));
process.on('exit', () => wxt.kill('SIGTERM'));
