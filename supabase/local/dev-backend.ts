/**
 * The backend half of `npm run dev` (and of `npm run backend`): picks the port, starts the
 * local stand-in, and turns the ways starting can fail into sentences.
 */
import { createServer } from 'node:net';
import { candidatePorts, choosePort, DEFAULT_PORT, portFromEnv, portMovedLine } from './dev-plan';
import { startLocalBackend, type LocalBackend, type LocalBackendOptions } from './index';

/** A failure to tell the person in words (no stack trace): what went wrong and what to do. */
export class DevError extends Error {}

/** Whether 127.0.0.1:port can be listened on right now. */
export function portIsFree(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const probe = createServer();
    probe.once('error', () => resolve(false));
    probe.listen(port, '127.0.0.1', () => probe.close(() => resolve(true)));
  });
}

export interface DevBackend {
  backend: LocalBackend;
  /** The port asked for (PORT, else 54321). */
  requested: number;
  /** Set when the backend is not on the requested port: the line saying so. */
  moved?: string;
}

/**
 * Starts the backend on PORT when it is set (a taken PORT is an error: it was asked for),
 * else on `preferred` (54321) or, when that is taken, the first free port after it.
 */
export async function startDevBackend(
  options: Omit<LocalBackendOptions, 'port'> & { env?: Record<string, string | undefined>; preferred?: number } = {},
): Promise<DevBackend> {
  const { env = process.env, preferred = DEFAULT_PORT, ...backendOptions } = options;
  const fromEnv = portFromEnv(env.PORT);
  if (typeof fromEnv === 'object') throw new DevError(fromEnv.error);
  if (fromEnv !== undefined && !(await portIsFree(fromEnv))) {
    throw new DevError(`Port ${fromEnv} (from PORT) is in use by another program. Stop that program, or set PORT to a free port.`);
  }
  const requested = fromEnv ?? preferred;
  const port = fromEnv ?? (await choosePort(candidatePorts(preferred), portIsFree));
  let backend: LocalBackend;
  try {
    backend = await startLocalBackend({ ...backendOptions, port });
  } catch (error) {
    throw new DevError(startFailure(error, port));
  }
  const actual = Number(new URL(backend.url).port);
  return { backend, requested, moved: actual === requested ? undefined : portMovedLine(requested, backend.url) };
}

/** Why the backend did not start, in a sentence. */
export function startFailure(error: unknown, port: number): string {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  if (code === 'EADDRINUSE') return `Port ${port} was taken by another program while the backend started. Run it again.`;
  if (code === 'EACCES') return `Not allowed to listen on port ${port}. Choose a port above 1024 with PORT.`;
  const message = error instanceof Error ? error.message : String(error);
  return `The local backend could not start: ${message}`;
}

/** What the backend prints once it runs: where its data lives, its URL, keys, and where sign-in codes go. */
export function backendBanner(backend: LocalBackend, storage: { databaseUrl?: string; memory?: boolean }): string {
  const where = storage.databaseUrl ? 'Postgres (DATABASE_URL)' : storage.memory ? 'PGlite in memory' : 'PGlite at .local-backend/pgdata';
  return `
Local Supabase stand-in running (${where}${backend.prepared.fresh ? ', fresh database' : ''}).
         API URL: ${backend.url}
 Publishable key: ${backend.publishableKey}
      Secret key: ${backend.secretKey}   (servers only, never the extension)
  anon key (legacy JWT, still accepted): ${backend.anonKey}
service_role key (legacy JWT): ${backend.serviceRoleKey}
            JWKS: ${backend.url}/auth/v1/.well-known/jwks.json (ES256, kid ${backend.jwks.keys[0]!.kid})
Sign-in codes are printed here, and served to this machine only at
  ${backend.url}/_local/sign-in-codes?email=…  with header X-Local-Secret: ${backend.localSecret}
`;
}
