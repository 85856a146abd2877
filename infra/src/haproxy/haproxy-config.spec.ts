import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { renderHaproxyConfig } from './haproxy-config';
import { resolveHaproxy } from './resolve-haproxy';

describe('renderHaproxyConfig', () => {
  const config = renderHaproxyConfig({
    statsPort: 8404,
    services: [
      {
        name: 'gateway',
        port: 4000,
        servers: [
          { name: 'gateway-1', port: 4010 },
          { name: 'gateway-2', port: 4011 },
        ],
      },
      {
        name: 'organization',
        port: 4001,
        servers: [
          { name: 'organization-1', port: 4100 },
          { name: 'organization-2', port: 4101 },
        ],
      },
    ],
  });

  it('checks every replica on /health/ready and sends a refused request to another replica', () => {
    expect(config).toContain('  option httpchk GET /health/ready\n  http-check expect status 200\n');
    expect(config).toContain('  server organization-2 127.0.0.1:4101 check\n');
    expect(config).toContain('frontend gateway\n  bind 127.0.0.1:4000\n  default_backend gateway\n');
    // Never a retry that could apply a mutation twice.
    expect(config).toMatch(/retry-on conn-failure\n/);
    expect(config).toMatch(/option redispatch/);
  });

  // haproxy -c is the authority on its own syntax (installed from Debian's packages if missing, as the cluster does).
  it('is a configuration haproxy accepts (haproxy -c)', () => {
    const haproxy = resolveHaproxy();
    const file = path.join(mkdtempSync(path.join(os.tmpdir(), 'gongzhi-haproxy-')), 'haproxy.cfg');
    writeFileSync(file, config);
    const check = spawnSync(haproxy, ['-c', '-f', file], { encoding: 'utf8' });
    expect(check.stdout).toMatch(/Configuration file is valid/);
    expect(check.stderr).not.toMatch(/WARNING|ALERT/);
  });
});
