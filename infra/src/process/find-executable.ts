import { accessSync, constants, statSync } from 'node:fs';
import path from 'node:path';

/** First executable file called `name` in PATH followed by `extraDirs` (e.g. /usr/sbin, often missing from PATH). */
export function findExecutable(
  name: string,
  extraDirs: string[] = [],
  pathVariable = process.env.PATH ?? '',
): string | undefined {
  const dirs = [...pathVariable.split(path.delimiter), ...extraDirs].filter(Boolean);
  for (const dir of dirs) {
    const candidate = path.join(dir, name);
    try {
      accessSync(candidate, constants.X_OK);
      if (statSync(candidate).isFile()) return candidate;
    } catch {
      // not here; keep looking
    }
  }
  return undefined;
}
