import { spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { CONSOLE, GATEWAY, SUBGRAPHS } from '../cli/components';
import { findRepoRoot } from '../process/repo-root';
import { copies, effective, lineage, parseStages, type Stage } from './dockerfile-check';

/**
 * `npm run image:rehearse [component…]`: assembles each image's file tree the way the Dockerfile does, without a
 * container engine, and starts its CMD there with no configuration but a PORT that is no port. A component whose production dependencies miss
 * a package stops with "Cannot find module"; a complete one loads all its code and stops at its configuration check.
 *
 * Followed from the Dockerfile itself: COPY from the context, `pnpm install` lines of the dependency stages (run with
 * the workspace's pnpm against the local store), and COPY --from=build of what `npm run build` made here. Needs a
 * build first (`npm run build`, which the npm script runs); takes minutes (one pnpm install and copy per component).
 */

const repoRoot = findRepoRoot(__dirname);
const pnpm = path.join(repoRoot, '.gongzhi', 'tools', 'node_modules', '.bin', 'pnpm');

/** Copies `source` into `root` at `destination` with Docker's rule: a destination ending in / (or .) is a folder. */
function place(source: string, root: string, destination: string): void {
  const intoFolder = destination.endsWith('/') || destination === '.' || destination === './';
  const target = intoFolder ? path.join(root, destination, path.basename(source)) : path.join(root, destination);
  mkdirSync(path.dirname(target), { recursive: true });
  cpSync(source, target, { recursive: true, verbatimSymlinks: true });
}

/** Builds a stage's /src the way its lineage does (COPY from the context, `pnpm install`), in `dir`. */
function buildDependencyStage(stages: Stage[], name: string, dir: string): void {
  for (const stage of lineage(stages, name).reverse()) {
    const stageCopies = copies([stage]);
    for (const instruction of stage.instructions) {
      const text = instruction.getArgumentsContent() ?? '';
      if (instruction.getKeyword() === 'COPY') {
        const copy = stageCopies.shift() as (typeof stageCopies)[number];
        if (copy.from) throw new Error(`stage ${stage.name}: COPY --from in a dependency stage is not rehearsed`);
        for (const source of copy.sources) place(path.join(repoRoot, source), dir, copy.destination);
      } else if (instruction.getKeyword() === 'RUN' && /^pnpm install /.test(text)) {
        const args =
          text
            .replace(/^pnpm /, '')
            .match(/"[^"]*"|\S+/g)
            ?.map((arg) => arg.replace(/^"|"$/g, '')) ?? [];
        const run = spawnSync(pnpm, args, { cwd: dir, encoding: 'utf8', env: { ...process.env, CI: 'true' } });
        if (run.status !== 0)
          throw new Error(`stage ${stage.name}: pnpm ${args.join(' ')} failed:\n${run.stdout}\n${run.stderr}`);
      }
    }
  }
}

function rehearse(stages: Stage[], component: string, workDir: string): { ok: boolean; output: string } {
  const app = path.join(workDir, component, 'app');
  mkdirSync(app, { recursive: true });
  for (const stage of lineage(stages, component).reverse()) {
    for (const copy of copies([stage])) {
      if (copy.from === 'build') {
        for (const source of copy.sources)
          place(path.join(repoRoot, path.posix.relative('/src', source)), app, copy.destination);
      } else if (copy.from) {
        const dependencies = path.join(workDir, component, copy.from);
        buildDependencyStage(stages, copy.from, dependencies);
        cpSync(dependencies, app, { recursive: true, verbatimSymlinks: true });
      } else {
        throw new Error(
          `target ${component}: COPY from the context in a runtime stage is not rehearsed (${copy.sources.join(' ')})`,
        );
      }
    }
  }
  const cmd = JSON.parse(effective(stages, component, 'CMD') ?? '[]') as string[];
  const run = spawnSync(process.execPath, cmd.slice(1), {
    cwd: app,
    encoding: 'utf8',
    timeout: 60_000,
    // A port that is no port: the console, which needs no other configuration, refuses it too instead of serving.
    env: { PATH: process.env.PATH, NODE_ENV: 'production', PORT: 'rehearsal' },
  });
  const output = `${run.stdout}${run.stderr}`.trim();
  const refused = /Invalid configuration|console configuration: PORT/.test(output);
  return { ok: refused && !/Cannot find module/.test(output), output };
}

function main(): void {
  const stages = parseStages(readFileSync(path.join(repoRoot, 'Dockerfile'), 'utf8'));
  const all = [...SUBGRAPHS.map((s) => s.name), GATEWAY.name, CONSOLE.name];
  const wanted = process.argv.slice(2).length > 0 ? process.argv.slice(2) : all;
  const workDir = mkdtempSync(path.join(os.tmpdir(), 'gongzhi-images-'));
  let failed = 0;
  try {
    for (const component of wanted) {
      const { ok, output } = rehearse(stages, component, workDir);
      const lastLine = output.split('\n').at(-1) ?? '';
      console.log(
        `${ok ? 'ok  ' : 'FAIL'} ${component}: ${ok ? `loads its code with production dependencies only (${lastLine})` : output}`,
      );
      if (!ok) failed++;
    }
  } finally {
    rmSync(workDir, { recursive: true, force: true });
  }
  process.exit(failed === 0 ? 0 : 1);
}

main();
