import { spawn } from 'node:child_process';

// Runs in a child process so a stuck download can be killed outright. It first checks that MongoDB's download host
// answers at all: offline, only an already cached binary is looked up, which fails in well under a second.
const LOOKUP_SCRIPT = `
const { MongoBinary } = require(process.argv[1]);
const https = require('node:https');
const reachable = () => new Promise((resolve) => {
  const request = https.request('https://fastdl.mongodb.org/', { method: 'HEAD', timeout: 5000 }, (response) => {
    response.resume();
    resolve(true);
  });
  request.on('timeout', () => { request.destroy(); resolve(false); });
  request.on('error', () => resolve(false));
  request.end();
});
(async () => {
  if (!(await reachable())) process.env.MONGOMS_RUNTIME_DOWNLOAD = 'false';
  const binary = await MongoBinary.getPath();
  process.stdout.write('\\nMONGOD_BINARY=' + binary + '\\n');
})().catch((error) => {
  process.stderr.write(String((error && error.message) || error));
  process.exit(1);
});
`;

export type MemoryServerLookup = { binary: string } | { failure: string };

/** mongodb-memory-server's own binary (cached, or downloaded where there is internet), bounded by `timeoutMs`. */
export function findMemoryServerBinary(timeoutMs: number): Promise<MemoryServerLookup> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['-e', LOOKUP_SCRIPT, require.resolve('mongodb-memory-server-core')], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
    child.once('close', (code, signal) => {
      clearTimeout(timer);
      const binary = /^MONGOD_BINARY=(.+)$/m.exec(stdout)?.[1];
      if (code === 0 && binary) resolve({ binary });
      else if (signal)
        resolve({ failure: `mongodb-memory-server gave no binary within ${Math.round(timeoutMs / 1000)} s` });
      else resolve({ failure: `mongodb-memory-server: ${stderr.trim().split('\n')[0] || `exit code ${code}`}` });
    });
  });
}
