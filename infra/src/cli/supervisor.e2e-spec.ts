import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { spawnManaged } from '../process/managed-process';
import { freePort } from '../process/ports';
import { waitFor } from '../process/wait-for';
import { answers200 } from './http-health';
import { Supervisor, type SupervisedProcess } from './supervisor';

jest.setTimeout(60_000);

/** A real child process: an HTTP server answering /health/live with its pid, that exits on its own after `lifeMs` if given. */
const SERVER = `
const http = require('node:http');
const [port, lifeMs] = process.argv.slice(1).map(Number);
http.createServer((req, res) => res.end(String(process.pid))).listen(port, '127.0.0.1');
if (lifeMs) setTimeout(() => process.exit(3), lifeMs);
`;

describe('Supervisor with real processes', () => {
  let dir: string;
  let supervisor: Supervisor;
  let lines: string[];

  beforeEach(() => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'gongzhi-supervisor-'));
    lines = [];
    supervisor = new Supervisor((line) => lines.push(line));
  });
  afterEach(async () => {
    await supervisor.stopAll();
    rmSync(dir, { recursive: true, force: true });
  });

  const superviseServer = async (
    name: string,
    port: number,
    lifeMs = 0,
    restart = { initialMs: 200, maxMs: 800, crashLoopAfter: 3 },
  ) =>
    supervisor.supervise({
      name,
      spawn: () =>
        spawnManaged(name, process.execPath, ['-e', SERVER, String(port), String(lifeMs)], {
          logPath: path.join(dir, `${name}.log`),
        }),
      ready: async (child) => {
        await waitFor(`${name} to answer`, () => answers200(`http://127.0.0.1:${port}/health/live`), {
          timeoutMs: 10_000,
          intervalMs: 50,
          process: child,
        });
      },
      restart,
    });

  it('restarts a subgraph killed with SIGKILL while the others keep answering', async () => {
    const [organizationPort, facilitiesPort] = [await freePort(), await freePort()];
    const organization = await superviseServer('organization', organizationPort);
    const facilities = await superviseServer('facilities', facilitiesPort);
    const facilitiesPid = facilities.current!.pid;

    // The neighbour is probed the whole time the victim is down and coming back.
    let probing = true;
    const neighbourFailures: number[] = [];
    const probe = (async () => {
      for (let i = 0; probing; i++) {
        if (!(await answers200(`http://127.0.0.1:${facilitiesPort}/health/live`))) neighbourFailures.push(i);
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
    })();

    const killedPid = organization.current!.pid!;
    process.kill(killedPid, 'SIGKILL');
    await waitFor('organization to be restarted', async () => organization.restarts === 1, {
      timeoutMs: 20_000,
      intervalMs: 50,
    });
    expect(await answers200(`http://127.0.0.1:${organizationPort}/health/live`)).toBe(true);
    probing = false;
    await probe;

    expect(organization.current!.pid).not.toBe(killedPid);
    expect(facilities.current!.pid).toBe(facilitiesPid);
    expect(facilities.restarts).toBe(0);
    expect(neighbourFailures).toEqual([]);
    expect(lines).toContainEqual(
      expect.stringMatching(/^organization was killed by SIGKILL; restarting in 200 ms \(attempt 1\); see its log /),
    );
    expect(lines).toContainEqual(`organization restarted (pid ${organization.current!.pid})`);
  });

  it('backs off on a crash loop, says so, and stops restarting once shut down', async () => {
    const port = await freePort();
    // Exits with code 3 half a second after each start.
    const flaky: SupervisedProcess = await superviseServer('deliberation', port, 500, {
      initialMs: 100,
      maxMs: 400,
      crashLoopAfter: 3,
    });
    await waitFor(
      'a crash loop to be reported',
      async () => lines.some((line) => line.startsWith('deliberation is in a crash loop')),
      {
        timeoutMs: 30_000,
        intervalMs: 50,
      },
    );
    const delays = lines
      .flatMap((line) => /^deliberation exited with code 3; restarting in (\d+) ms/.exec(line)?.[1] ?? [])
      .map(Number);
    expect(delays.slice(0, 3)).toEqual([100, 200, 400]);

    await supervisor.stopAll();
    const restartsAtStop = flaky.restarts;
    await new Promise((resolve) => setTimeout(resolve, 1_500));
    expect(flaky.restarts).toBe(restartsAtStop);
    expect(flaky.current!.exit).toBeDefined();
    expect(await answers200(`http://127.0.0.1:${port}/health/live`)).toBe(false);
  });

  it('rolls a process on request: SIGTERM, wait for the exit, start again, ready; no crash is reported', async () => {
    const port = await freePort();
    const services = await superviseServer('services', port);
    const before = services.current!;
    await services.roll();
    expect(before.exit).toEqual({ code: null, signal: 'SIGTERM' });
    expect(services.current!.pid).not.toBe(before.pid);
    expect(await answers200(`http://127.0.0.1:${port}/health/live`)).toBe(true);
    expect(lines.filter((line) => line.startsWith('services '))).toEqual([]);
  });
});
