import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { listenerPid } from './listener-pid';

describe('listenerPid', () => {
  it('finds the process listening on a port, and none on a port nobody listens on', async () => {
    const server = http.createServer();
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as AddressInfo;
    try {
      expect(listenerPid(port)).toBe(process.pid);
    } finally {
      await new Promise((resolve) => server.close(resolve));
    }
    expect(listenerPid(port)).toBeUndefined();
  });
});
