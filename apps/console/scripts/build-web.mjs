// Builds the console's single-page app (type-check, then vite build into dist-web/), unless nothing it is built from
// changed since the last build: `npm test` builds every time, and a vite build costs tens of seconds on a small machine.
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const inputs = ['src', 'public', 'index.html', 'vite.config.ts', 'tsconfig.json', 'package.json'];
const stamp = path.join(root, 'dist-web', '.build-stamp');

function filesOf(entry) {
  const full = path.join(root, entry);
  if (!statSync(full).isDirectory()) return [entry];
  return readdirSync(full)
    .sort()
    .flatMap((name) => filesOf(path.join(entry, name)));
}

const hash = createHash('sha256');
for (const file of inputs.flatMap(filesOf)) {
  if (/\.spec\.tsx?$/.test(file)) continue;
  hash.update(file).update(readFileSync(path.join(root, file)));
}
const digest = hash.digest('hex');
if (
  existsSync(stamp) &&
  readFileSync(stamp, 'utf8').trim() === digest &&
  existsSync(path.join(root, 'dist-web', 'index.html'))
) {
  console.log('console: dist-web is up to date');
  process.exit(0);
}
for (const [what, command, args] of [
  ['type-checking', path.join(root, '..', '..', 'node_modules', '.bin', 'tsc'), ['-p', 'tsconfig.json']],
  ['building', path.join(root, 'node_modules', '.bin', 'vite'), ['build', '--logLevel', 'warn']],
]) {
  console.log(`console: ${what}…`);
  const result = spawnSync(command, args, { cwd: root, stdio: 'inherit' });
  if (result.status !== 0) process.exit(result.status ?? 1);
}
writeFileSync(stamp, `${digest}\n`);
