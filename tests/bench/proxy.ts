/**
 * A counting, delaying HTTP proxy in front of the local backend: the benchmark points the
 * extension at it, so every request the extension makes (from its service worker included,
 * which browser automation does not always see) is counted, and answers can be held back to
 * show what the pages draw from cache before any network answer.
 */
import { createServer, request as forward, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface SeenRequest {
  method: string;
  /** Path without the query, e.g. /rest/v1/rpc/group_queue. */
  path: string;
  at: number;
  /** From the request's arrival to the end of the backend's answer, ms (without any hold); set once it ended. */
  ms?: number;
}

export interface CountingProxy {
  url: string;
  /** Every request so far, in arrival order. */
  seen: SeenRequest[];
  /** Answers are held this many ms before they are sent on (0: none). */
  holdMs: number;
  close(): Promise<void>;
}

/** Requests seen since index `from`, as "METHOD /path" lines with counts; preflights apart. */
export function tally(seen: readonly SeenRequest[], from = 0): { requests: number; preflights: number; byPath: Record<string, number> } {
  const byPath: Record<string, number> = {};
  let preflights = 0;
  for (const r of seen.slice(from)) {
    if (r.method === 'OPTIONS') preflights++;
    const key = `${r.method} ${r.path}`;
    byPath[key] = (byPath[key] ?? 0) + 1;
  }
  return { requests: seen.length - from - preflights, preflights, byPath };
}

/**
 * Listens on `host`: 127.0.0.1, which the test build holds a host permission for, as a
 * member's browser holds one for their group's backend once Options asked for it.
 */
export async function startProxy(target: string, host = '127.0.0.1'): Promise<CountingProxy> {
  const to = new URL(target);
  const proxy: CountingProxy = { url: '', seen: [], holdMs: 0, close: async () => undefined };
  const server = createServer((req: IncomingMessage, res: ServerResponse) => {
    const seen: SeenRequest = { method: req.method ?? 'GET', path: (req.url ?? '/').split('?')[0]!, at: Date.now() };
    proxy.seen.push(seen);
    const started = performance.now();
    const hold = proxy.holdMs;
    const upstream = forward(
      { host: to.hostname, port: to.port, method: req.method, path: req.url, headers: { ...req.headers, host: to.host } },
      (answer) => {
        answer.on('end', () => (seen.ms = performance.now() - started));
        const send = () => {
          res.writeHead(answer.statusCode ?? 502, answer.headers);
          answer.pipe(res);
        };
        if (hold > 0) setTimeout(send, hold);
        else send();
      },
    );
    upstream.on('error', () => res.writeHead(502).end());
    req.pipe(upstream);
  });
  await new Promise<void>((done) => server.listen(0, host, done));
  proxy.url = `http://${host}:${(server.address() as AddressInfo).port}`;
  proxy.close = () =>
    new Promise((done) => {
      server.closeAllConnections();
      server.close(() => done());
    });
  return proxy;
}
