// Bootstrap behind `npm start`, `npm test`, `npm run reset` and `npm run token`: checks Node, provides the pinned
// pnpm, installs dependencies when the lockfile changed, builds, lints (test only), then hands over to the infra CLI
// or to jest.
// Node built-ins only: nothing is installed yet when it runs.
import { spawn, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const stateDir = path.join(repoRoot, '.gongzhi');
const [command, ...extraArgs] = process.argv.slice(2);
// `token` and `events` print their result on stdout (TOKEN=$(npm run -s token -- demo:zhang-wei)): everything else
// goes to stderr.
const resultOnStdout = command === 'token' || command === 'events';
const say = resultOnStdout ? console.error : console.log;
const stepStdio = resultOnStdout ? ['inherit', process.stderr, 'inherit'] : 'inherit';

function fail(message) {
  console.error(`gongzhi: ${message}`);
  process.exit(1);
}

function checkNode() {
  const [major, minor] = process.versions.node.split('.').map(Number);
  if (major < 20 || (major === 20 && minor < 11)) {
    fail(
      `Node.js ≥ 20.11 is required, this is ${process.version}; install a newer Node (e.g. from https://nodejs.org)`,
    );
  }
}

function versionOf(executable) {
  const run = spawnSync(executable, ['--version'], { encoding: 'utf8' });
  return run.status === 0 ? run.stdout.trim() : undefined;
}

/** pnpm at the version pinned by package.json "packageManager": from PATH if it matches, else installed once into .gongzhi/tools. */
function ensurePnpm() {
  const packageManager = JSON.parse(readFileSync(path.join(repoRoot, 'package.json'), 'utf8')).packageManager ?? '';
  const version = /^pnpm@(\d+\.\d+\.\d+)/.exec(packageManager)?.[1];
  if (!version) fail(`package.json "packageManager" should pin pnpm (e.g. "pnpm@10.0.0"), found "${packageManager}"`);
  if (versionOf('pnpm') === version) return 'pnpm';
  const toolsDir = path.join(stateDir, 'tools');
  const local = path.join(toolsDir, 'node_modules', '.bin', 'pnpm');
  if (versionOf(local) === version) return local;
  say(`installing pnpm ${version} into ${path.relative(repoRoot, toolsDir)}…`);
  mkdirSync(toolsDir, { recursive: true });
  run('npm', ['install', '--no-save', '--no-audit', '--no-fund', '--prefix', toolsDir, `pnpm@${version}`]);
  if (versionOf(local) !== version) fail(`could not install pnpm ${version} with npm`);
  return local;
}

/** `pnpm install --frozen-lockfile` when node_modules is missing or pnpm-lock.yaml changed since the last install. */
function ensureDependencies(pnpm) {
  const stamp = path.join(stateDir, 'install.stamp');
  const lockHash = createHash('sha256')
    .update(readFileSync(path.join(repoRoot, 'pnpm-lock.yaml')))
    .digest('hex');
  const installed =
    existsSync(path.join(repoRoot, 'node_modules')) &&
    existsSync(stamp) &&
    readFileSync(stamp, 'utf8').trim() === lockHash;
  if (installed) return;
  say('installing dependencies…');
  run(pnpm, ['install', '--frozen-lockfile']);
  mkdirSync(stateDir, { recursive: true });
  writeFileSync(stamp, `${lockHash}\n`);
}

/** Runs a step to completion, exiting with its code if it fails. */
function run(executable, args) {
  const result = spawnSync(executable, args, { cwd: repoRoot, stdio: stepStdio });
  if (result.error) fail(`could not run ${executable}: ${result.error.message}`);
  if (result.status !== 0) process.exit(result.status ?? 1);
}

/** Hands over to a long-running child, forwarding Ctrl-C/SIGTERM so it can shut down cleanly, and exits with its code. */
function handOver(args, env = process.env) {
  const child = spawn(process.execPath, args, { cwd: repoRoot, stdio: 'inherit', env });
  for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => child.kill(signal));
  child.on('exit', (code, signal) => process.exit(code ?? (signal ? 128 + (signal === 'SIGINT' ? 2 : 15) : 1)));
}

checkNode();
if (!['start', 'test', 'reset', 'token', 'drill', 'events'].includes(command)) {
  fail(
    'usage: node infra/scripts/gongzhi.mjs start [--cluster] [--with-prometheus] | test [jest args] | reset | token <subject> [name] | drill [names] | events dead-letters list|replay',
  );
}
const pnpm = ensurePnpm();
ensureDependencies(pnpm);
say('building…');
run(pnpm, ['run', 'build']);
if (command === 'test') {
  // Lint before any spec runs: a dirty tree fails the run (ESLint's cache in .gongzhi keeps a second run quick).
  // The build leaves specs out; type-check them too, so a spec importing a moved or missing module fails here, by name.
  say('type-checking specs…');
  run(pnpm, ['run', 'typecheck']);
  say('linting…');
  run(pnpm, ['run', 'lint']);
  run(pnpm, ['run', 'format:check']);
  // The MongoDB driver loads `os` with a dynamic import(), which jest's module sandbox only supports with VM modules on.
  const nodeOptions = [process.env.NODE_OPTIONS, '--experimental-vm-modules', '--disable-warning=ExperimentalWarning']
    .filter(Boolean)
    .join(' ');
  handOver(['node_modules/jest/bin/jest.js', ...extraArgs], { ...process.env, NODE_OPTIONS: nodeOptions });
} else {
  handOver(['infra/dist/cli.js', command, ...extraArgs]);
}
