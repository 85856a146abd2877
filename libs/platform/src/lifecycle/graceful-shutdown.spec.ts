import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { closeHttpServer, gracefulShutdown, ShutdownState, shutdownEnvShape } from './graceful-shutdown';
import { z } from 'zod';

/** A server whose /slow answers after `ms` query milliseconds and /hang never answers. */
async function server(): Promise<{ server: http.Server; base: string }> {
  const s = http.createServer((req, res) => {
    const url = new URL(req.url!, 'http://x');
    if (url.pathname === '/hang') return;
    setTimeout(() => res.end('done'), Number(url.searchParams.get('ms') ?? 0));
  });
  await new Promise<void>((resolve) => s.listen(0, '127.0.0.1', resolve));
  return { server: s, base: `http://127.0.0.1:${(s.address() as AddressInfo).port}` };
}

/** One request on a fresh keep-alive agent; resolves with the body or the error's code. */
function get(url: string, agent: http.Agent): Promise<string> {
  return new Promise((resolve) => {
    http
      .get(url, { agent }, (res) => {
        let body = '';
        res.on('data', (chunk) => (body += chunk));
        res.on('end', () => resolve(body));
        res.on('error', () => resolve('aborted'));
      })
      .on('error', (error: NodeJS.ErrnoException) => resolve(error.code ?? 'error'));
  });
}

describe('closeHttpServer', () => {
  it('lets a request in flight finish, closes idle keep-alive connections, and refuses new ones', async () => {
    const { server: s, base } = await server();
    const agent = new http.Agent({ keepAlive: true });
    expect(await get(`${base}/slow?ms=0`, agent)).toBe('done'); // leaves an idle keep-alive connection
    const inFlight = get(`${base}/slow?ms=500`, new http.Agent({ keepAlive: true }));
    await new Promise((resolve) => setTimeout(resolve, 100));
    const started = Date.now();
    const cut = await closeHttpServer(s, 5_000);
    expect(await inFlight).toBe('done');
    expect(cut).toBe(0);
    expect(Date.now() - started).toBeLessThan(2_000); // idle keep-alive connections did not hold it open
    expect(await get(`${base}/slow`, new http.Agent())).toBe('ECONNREFUSED');
    agent.destroy();
  });

  it('cuts a request that outlives the bound, and says how many', async () => {
    const { server: s, base } = await server();
    const hanging = get(`${base}/hang`, new http.Agent());
    await new Promise((resolve) => setTimeout(resolve, 100));
    const started = Date.now();
    expect(await closeHttpServer(s, 300)).toBe(1);
    expect(Date.now() - started).toBeGreaterThanOrEqual(290);
    expect(await hanging).toMatch(/ECONNRESET|aborted|socket hang up/);
  });
});

describe('gracefulShutdown', () => {
  it('turns readiness false at once, waits the delay, drains, then runs every step in order even after a failure', async () => {
    const { server: s } = await server();
    const state = new ShutdownState();
    const order: string[] = [];
    const lines: string[] = [];
    const shutdown = gracefulShutdown({
      state,
      server: s,
      delayMs: 200,
      timeoutMs: 1_000,
      log: (line) => lines.push(line),
      steps: [
        { name: 'event consumers', run: async () => void order.push(`consumers listening=${s.listening}`) },
        { name: 'outbox relay', run: async () => Promise.reject(new Error('lease update failed')) },
        { name: 'connections', run: async () => void order.push('connections') },
      ],
    });
    expect(state.draining).toBe(true);
    expect(s.listening).toBe(true); // still listening during the delay: the load balancer gets 503 from /health/ready
    expect(await shutdown).toBe(false);
    expect(order).toEqual(['consumers listening=false', 'connections']);
    expect(lines).toContain('could not stop outbox relay: lease update failed');
  });

  it('reads SHUTDOWN_DELAY_MS and SHUTDOWN_TIMEOUT_MS with defaults, refusing nonsense', () => {
    const schema = z.object(shutdownEnvShape);
    expect(schema.parse({})).toEqual({ SHUTDOWN_DELAY_MS: 0, SHUTDOWN_TIMEOUT_MS: 10_000 });
    expect(schema.parse({ SHUTDOWN_DELAY_MS: '2000' }).SHUTDOWN_DELAY_MS).toBe(2_000);
    expect(schema.safeParse({ SHUTDOWN_TIMEOUT_MS: '-1' }).success).toBe(false);
    expect(schema.safeParse({ SHUTDOWN_DELAY_MS: 'soon' }).success).toBe(false);
  });
});
