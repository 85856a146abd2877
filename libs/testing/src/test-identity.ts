import { createHash } from 'node:crypto';

/** A short stable hash of the running test file's path: what makes databases and event names per-file. */
export function testFileHash(): string {
  const testPath = expect.getState().testPath;
  if (!testPath) throw new Error('testFileHash() must be called from inside a jest test file');
  return createHash('sha256').update(testPath).digest('hex').slice(0, 10);
}
