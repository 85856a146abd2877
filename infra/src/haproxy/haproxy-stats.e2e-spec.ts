import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { freePort } from '../process/ports';
import { waitFor } from '../process/wait-for';
import { renderHaproxyConfig } from './haproxy-config';
import { parseHaproxyStats, serversNotUp } from './haproxy-stats';
import { resolveHaproxy } from './resolve-haproxy';

const CSV = `# pxname,svname,qcur,qmax,scur,smax,slim,stot,bin,bout,dreq,dresp,ereq,econ,eresp,wretr,wredis,status,weight
gateway,FRONTEND,,,0,1,4096,3,0,0,0,0,0,,,,,OPEN,
gateway,gateway-1,0,0,0,1,,2,0,0,,0,,0,0,0,0,UP,1
gateway,gateway-2,0,0,0,0,,0,0,0,,0,,0,0,0,0,DOWN 1/2,1
gateway,BACKEND,0,0,0,1,410,3,0,0,0,0,,0,0,0,0,UP,2
`;

describe('haproxy statistics: which replicas the load balancer routes to', () => {
  it('reads every server row (not the frontend/backend summaries) with its status', () => {
    expect(parseHaproxyStats(CSV)).toEqual([
      { backend: 'gateway', server: 'gateway-1', status: 'UP' },
      { backend: 'gateway', server: 'gateway-2', status: 'DOWN 1/2' },
    ]);
    expect(() => parseHaproxyStats('<html>not statistics</html>')).toThrow(/header line is missing/);
  });

  describe('against a real haproxy', () => {
    let haproxy: ChildProcess;
    let statsPort: number;
    let secondPort: number;
    const servers: http.Server[] = [];
    const healthy = (port: number) =>
      new Promise<http.Server>((resolve) => {
        const server = http.createServer((_req, res) => res.end('{"status":"ok"}'));
        server.listen(port, '127.0.0.1', () => resolve(server));
        servers.push(server);
      });

    beforeAll(async () => {
      const [frontPort, firstPort] = [await freePort(), await freePort()];
      [statsPort, secondPort] = [await freePort(), await freePort()];
      await healthy(firstPort);
      const file = path.join(mkdtempSync(path.join(os.tmpdir(), 'gongzhi-haproxy-stats-')), 'haproxy.cfg');
      writeFileSync(
        file,
        renderHaproxyConfig({
          statsPort,
          checkIntervalMs: 200,
          services: [
            {
              name: 'organization',
              port: frontPort,
              servers: [
                { name: 'organization-1', port: firstPort },
                { name: 'organization-2', port: secondPort },
              ],
            },
          ],
        }),
      );
      haproxy = spawn(resolveHaproxy(), ['-db', '-f', file], { stdio: 'ignore' });
    });

    afterAll(async () => {
      haproxy?.kill('SIGKILL');
      await Promise.all(servers.map((server) => new Promise((resolve) => server.close(resolve))));
    });

    it('names the replica that does not answer its check, and none once it does', async () => {
      const notUp = await waitFor(
        'haproxy to mark organization-2 down',
        async () => {
          const states = await serversNotUp(statsPort);
          return states.length === 1 && states[0].status.startsWith('DOWN') && states;
        },
        { timeoutMs: 10_000, intervalMs: 100 },
      );
      expect(notUp).toEqual([expect.objectContaining({ backend: 'organization', server: 'organization-2' })]);

      await healthy(secondPort);
      await waitFor('haproxy to route to both replicas', async () => (await serversNotUp(statsPort)).length === 0, {
        timeoutMs: 10_000,
        intervalMs: 100,
      });
    });
  });
});
