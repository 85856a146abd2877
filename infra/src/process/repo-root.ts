import { existsSync } from 'node:fs';
import path from 'node:path';

/** The workspace root: the nearest folder above `from` holding pnpm-workspace.yaml. */
export function findRepoRoot(from = __dirname): string {
  for (let dir = path.resolve(from); ; dir = path.dirname(dir)) {
    if (existsSync(path.join(dir, 'pnpm-workspace.yaml'))) return dir;
    if (path.dirname(dir) === dir) throw new Error(`No pnpm-workspace.yaml found above ${from}`);
  }
}
