/**
 * `npm run dev`'s backend half (supabase/local/dev-backend.ts), started for real on PGlite in
 * memory while another program holds its port.
 */
import { createServer, type Server } from 'node:net';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DevError, startDevBackend, type DevBackend } from '../../supabase/local/dev-backend';

let holder: Server;
let taken: number;
let dev: DevBackend | undefined;

beforeEach(async () => {
  holder = createServer();
  // Like another program on the port: listening on every address, as `node -e "net.createServer().listen(54321)"` does.
  await new Promise<void>((resolve) => holder.listen(0, resolve));
  taken = (holder.address() as { port: number }).port;
});

afterEach(async () => {
  await dev?.backend.stop();
  dev = undefined;
  await new Promise((resolve) => holder.close(resolve));
});

const quiet = { memory: true, seed: false, log: () => undefined } as const;
/** Starting PGlite and applying the schema takes a while on a busy machine. */
const STARTS = 120_000;

describe('the dev backend with its port taken', () => {
  it(
    'moves to a free port, answers there, and says so in one line',
    async () => {
      dev = await startDevBackend({ ...quiet, env: {}, preferred: taken });
      const port = Number(new URL(dev.backend.url).port);
      expect(port).not.toBe(taken);
      expect(dev.requested).toBe(taken);
      expect(dev.moved).toBe(
        `Port ${taken} is in use by another program, so the local backend runs at ${dev.backend.url} and the extension is built for it.`,
      );
      const jwks = await fetch(`${dev.backend.url}/auth/v1/.well-known/jwks.json`);
      expect(jwks.status).toBe(200);
      expect(((await jwks.json()) as { keys: unknown[] }).keys).toHaveLength(1);
    },
    STARTS,
  );

  it(
    'stays on a free preferred port and says nothing about it',
    async () => {
      await new Promise((resolve) => holder.close(resolve));
      dev = await startDevBackend({ ...quiet, env: {}, preferred: taken });
      expect(dev.backend.url).toBe(`http://127.0.0.1:${taken}`);
      expect(dev.moved).toBeUndefined();
      holder = createServer(); // for afterEach
      await new Promise<void>((resolve) => holder.listen(0, resolve));
    },
    STARTS,
  );

  it('a taken PORT that was asked for is not moved: it says which port to free', async () => {
    const started = startDevBackend({ ...quiet, env: { PORT: String(taken) } });
    await expect(started).rejects.toBeInstanceOf(DevError);
    await expect(started).rejects.toThrow(
      `Port ${taken} (from PORT) is in use by another program. Stop that program, or set PORT to a free port.`,
    );
  });

  it('a PORT that is not a port number is said in words', async () => {
    await expect(startDevBackend({ ...quiet, env: { PORT: 'fifty' } })).rejects.toThrow(
      'PORT must be a port number from 1 to 65535, not "fifty".',
    );
  });
});
