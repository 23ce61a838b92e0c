// @vitest-environment node
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { startProxy, tally, type CountingProxy } from './proxy';

let upstream: ReturnType<typeof createServer> | undefined;
let proxy: CountingProxy | undefined;
afterEach(async () => {
  await proxy?.close();
  await new Promise((done) => (upstream ? upstream.close(done) : done(undefined)));
});

async function start(): Promise<CountingProxy> {
  upstream = createServer((req, res) => res.writeHead(200, { 'content-type': 'text/plain' }).end(`${req.method} ${req.url}`));
  await new Promise<void>((done) => upstream!.listen(0, '127.0.0.1', done));
  proxy = await startProxy(`http://127.0.0.1:${(upstream.address() as AddressInfo).port}`, '127.0.0.1');
  return proxy;
}

describe('counting proxy', () => {
  it('forwards requests and counts each by method and path, preflights apart', async () => {
    const p = await start();
    expect(await (await fetch(`${p.url}/rest/v1/rpc/my_groups?x=1`, { method: 'POST' })).text()).toBe('POST /rest/v1/rpc/my_groups?x=1');
    await fetch(`${p.url}/rest/v1/rpc/my_groups`, { method: 'OPTIONS' });
    await fetch(`${p.url}/rest/v1/rpc/group_queue`, { method: 'POST' });
    expect(tally(p.seen)).toEqual({
      requests: 2,
      preflights: 1,
      byPath: { 'POST /rest/v1/rpc/my_groups': 1, 'OPTIONS /rest/v1/rpc/my_groups': 1, 'POST /rest/v1/rpc/group_queue': 1 },
    });
    expect(tally(p.seen, 2).requests).toBe(1);
  });

  it('holds answers back for holdMs', async () => {
    const p = await start();
    p.holdMs = 300;
    const t = Date.now();
    await (await fetch(`${p.url}/x`)).text();
    expect(Date.now() - t).toBeGreaterThanOrEqual(280);
  });
});
