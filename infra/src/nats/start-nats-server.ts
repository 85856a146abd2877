import { mkdirSync } from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { spawnManaged, type ManagedProcess, type ProcessExit } from '../process/managed-process';
import { isPortInUse } from '../process/ports';
import { waitFor } from '../process/wait-for';

export interface NatsServerOptions {
  binary: string;
  port: number;
  storeDir: string;
  logPath: string;
  startTimeoutMs?: number;
  /** Called if nats-server dies on its own (not through stop or restart). */
  onUnexpectedExit?: (exit: ProcessExit) => void;
}

export interface RunningNatsServer {
  url: string;
  stop(): Promise<void>;
  /** Stops and starts again on the same port with the same JetStream store (streams and messages survive). */
  restart(): Promise<void>;
}

/** Starts nats-server with JetStream on 127.0.0.1:port, storing under `storeDir`. */
export async function startNatsServer(options: NatsServerOptions): Promise<RunningNatsServer> {
  let current: ManagedProcess | undefined = await launch(options);
  const stop = async () => {
    await current?.stop();
    current = undefined;
  };
  return {
    url: `nats://127.0.0.1:${options.port}`,
    stop,
    async restart() {
      await stop();
      current = await launch(options);
    },
  };
}

async function launch({
  binary,
  port,
  storeDir,
  logPath,
  startTimeoutMs = 30_000,
  onUnexpectedExit,
}: NatsServerOptions): Promise<ManagedProcess> {
  if (await isPortInUse(port)) {
    throw new Error(`Cannot start nats-server: port ${port} on 127.0.0.1 is already in use (another NATS?)`);
  }
  mkdirSync(storeDir, { recursive: true });
  mkdirSync(path.dirname(logPath), { recursive: true });
  const server = spawnManaged(
    'nats-server',
    binary,
    ['--jetstream', '--store_dir', storeDir, '--addr', '127.0.0.1', '--port', String(port)],
    { logPath },
  );
  try {
    await waitFor(`nats-server on port ${port} to accept clients with JetStream`, () => announcesJetStream(port), {
      timeoutMs: startTimeoutMs,
      process: server,
    });
  } catch (error) {
    await server.stop();
    throw error;
  }
  if (onUnexpectedExit) server.onUnexpectedExit(onUnexpectedExit);
  return server;
}

/** Reads the INFO line a NATS server sends on connect and checks that JetStream is on. */
export function announcesJetStream(port: number): Promise<boolean> {
  return new Promise((resolve, reject) => {
    const socket = net.connect({ port, host: '127.0.0.1' });
    let received = '';
    socket.setTimeout(2_000, () => {
      socket.destroy();
      reject(new Error('no INFO from nats-server'));
    });
    socket.on('data', (chunk) => {
      received += chunk.toString();
      const line = /^INFO (.*)\r\n/.exec(received);
      if (!line) return;
      socket.destroy();
      resolve((JSON.parse(line[1]) as { jetstream?: boolean }).jetstream === true);
    });
    socket.once('error', reject);
  });
}
