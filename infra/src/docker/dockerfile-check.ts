import { DockerfileParser, type Instruction } from 'dockerfile-ast';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';

/**
 * What can be checked of the Dockerfile without a container engine: the stages it builds, that every file it copies
 * exists (in the context, or in the stage it comes from), and what each component's image runs as and with.
 */

export interface Stage {
  name: string | undefined;
  /** The stage or image it starts from. */
  from: string;
  instructions: Instruction[];
}

export interface Component {
  name: string;
  /** The file `node` runs, relative to the repository root (infra/src/cli/components.ts). */
  entry: string;
  port: number;
  /** Built folders it needs besides its entry's, relative to the repository root (the console's dist-web). */
  assets?: string[];
}

export function parseStages(text: string): Stage[] {
  const stages: Stage[] = [];
  for (const instruction of DockerfileParser.parse(text).getInstructions()) {
    if (instruction.getKeyword() === 'FROM') {
      const [image, as, name] = instruction.getArguments().map((argument) => argument.getValue());
      stages.push({ name: as?.toUpperCase() === 'AS' ? name : undefined, from: image, instructions: [] });
    } else {
      stages.at(-1)?.instructions.push(instruction);
    }
  }
  return stages;
}

/** The stage and the ones it is built on, nearest first. */
export function lineage(stages: Stage[], name: string): Stage[] {
  const chain: Stage[] = [];
  for (let stage = stages.find((s) => s.name === name); stage; stage = stages.find((s) => s.name === stage?.from)) {
    if (chain.includes(stage)) break;
    chain.push(stage);
  }
  return chain;
}

/** The last value of an instruction that a stage sets or inherits (USER, HEALTHCHECK, CMD…), or undefined. */
export function effective(stages: Stage[], name: string, keyword: string): string | undefined {
  for (const stage of lineage(stages, name)) {
    const found = stage.instructions.filter((i) => i.getKeyword() === keyword).at(-1);
    if (found) return found.getArgumentsContent() ?? '';
  }
  return undefined;
}

/** ENV values a stage sets or inherits. */
function environment(stages: Stage[], name: string): Record<string, string> {
  const env: Record<string, string> = {};
  for (const stage of lineage(stages, name).reverse()) {
    for (const instruction of stage.instructions.filter((i) => i.getKeyword() === 'ENV')) {
      for (const pair of (instruction.getArgumentsContent() ?? '').split(/\s+/)) {
        const [key, ...value] = pair.split('=');
        if (key && value.length > 0) env[key] = value.join('=');
      }
    }
  }
  return env;
}

export interface Copy {
  stage: string | undefined;
  from: string | undefined;
  sources: string[];
  destination: string;
}

/** The COPY instructions of `stages`, in order, with their --from. */
export function copies(stages: Stage[]): Copy[] {
  return stages.flatMap((stage) =>
    stage.instructions
      .filter((i) => i.getKeyword() === 'COPY')
      .map((i) => {
        // Flags (--from, --chown) are not among the arguments.
        const flags = (
          i as unknown as { getFlags(): Array<{ getName(): string; getValue(): string | null }> }
        ).getFlags();
        const from = flags.find((flag) => flag.getName() === 'from')?.getValue() ?? undefined;
        const paths = i.getArguments().map((argument) => argument.getValue());
        return { stage: stage.name, from, sources: paths.slice(0, -1), destination: paths.at(-1) ?? '' };
      }),
  );
}

/** Patterns of .dockerignore as regular expressions (Go filepath.Match with `**`, enough for our file). */
export function dockerignoreMatchers(text: string): RegExp[] {
  return text
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line && !line.startsWith('#') && !line.startsWith('!'))
    .map((pattern) => {
      const source = pattern
        .replace(/^\//, '')
        .split('/')
        .map((part) =>
          part === '**'
            ? '.*'
            : part
                .replace(/[.+^${}()|[\]\\]/g, '\\$&')
                .replace(/\*/g, '[^/]*')
                .replace(/\?/g, '[^/]'),
        )
        .join('/')
        .replace(/\.\*\//g, '(?:.*/)?');
      return new RegExp(`^${source}(?:/.*)?$`);
    });
}

/** Everything the Dockerfile and .dockerignore get wrong, one line each; empty when all is well. */
export function checkDockerfile(options: {
  dockerfile: string;
  dockerignore: string;
  repoRoot: string;
  components: Component[];
  pnpmVersion: string;
}): string[] {
  const { repoRoot, components } = options;
  const problems: string[] = [];
  const stages = parseStages(options.dockerfile);
  const names = new Set(stages.map((stage) => stage.name));
  const ignored = dockerignoreMatchers(options.dockerignore);
  const isIgnored = (file: string) => ignored.some((pattern) => pattern.test(file.replace(/\/$/, '')));

  for (const required of ['node_modules', '.git', '.gongzhi', 'services/organization/dist']) {
    if (!isIgnored(required)) problems.push(`.dockerignore: ${required} should not be sent to the build`);
  }
  const nodeImage = /ARG NODE_IMAGE=(\S+)/.exec(options.dockerfile)?.[1] ?? '';
  if (!/^node:20[.\d]*-\w+-slim$/.test(nodeImage))
    problems.push(`NODE_IMAGE ${nodeImage || '(none)'}: expected node:20-<debian>-slim`);
  const pnpm = /ARG PNPM_VERSION=(\S+)/.exec(options.dockerfile)?.[1];
  if (pnpm !== options.pnpmVersion)
    problems.push(`PNPM_VERSION ${pnpm ?? '(none)'}: package.json pins pnpm ${options.pnpmVersion}`);

  for (const stage of stages) {
    if (stage.from !== '${NODE_IMAGE}' && !names.has(stage.from))
      problems.push(`stage ${stage.name}: FROM ${stage.from} is neither NODE_IMAGE nor a stage`);
    for (const run of stage.instructions.filter((i) => i.getKeyword() === 'RUN')) {
      const command = run.getArgumentsContent() ?? '';
      if (/pnpm install/.test(command) && !/--frozen-lockfile/.test(command))
        problems.push(`stage ${stage.name}: pnpm install without --frozen-lockfile`);
    }
  }

  for (const copy of copies(stages)) {
    const where = `stage ${copy.stage}: COPY ${copy.from ? `--from=${copy.from} ` : ''}${copy.sources.join(' ')}`;
    if (copy.from) {
      const source = stages.find((stage) => stage.name === copy.from);
      if (!source) {
        problems.push(`${where}: no stage ${copy.from}`);
        continue;
      }
      for (const file of copy.sources) {
        const relative = path.posix.relative('/src', file);
        if (relative.startsWith('..')) problems.push(`${where}: ${file} is outside the workspace (/src)`);
        else if (!producedBy(stages, copy.from, relative, repoRoot, isIgnored))
          problems.push(`${where}: ${relative} is not in stage ${copy.from}`);
      }
    } else {
      for (const file of copy.sources) {
        if (file === '.') continue;
        if (!existsSync(path.join(repoRoot, file))) problems.push(`${where}: ${file} does not exist`);
        else if (isIgnored(file)) problems.push(`${where}: ${file} is excluded by .dockerignore`);
      }
    }
  }

  for (const component of components) {
    if (!names.has(component.name)) {
      problems.push(`no target ${component.name}`);
      continue;
    }
    const where = `target ${component.name}`;
    const user = effective(stages, component.name, 'USER');
    if (!user || /^(root|0)(:|$)/.test(user))
      problems.push(`${where}: runs as ${user ?? 'root (no USER)'}; set a non-root numeric USER`);
    else if (!/^\d+(:\d+)?$/.test(user))
      problems.push(`${where}: USER ${user} is not numeric; Kubernetes' runAsNonRoot cannot verify a name`);
    const healthcheck = effective(stages, component.name, 'HEALTHCHECK');
    if (!healthcheck?.includes('/health/live')) problems.push(`${where}: no HEALTHCHECK on /health/live`);
    const cmd = effective(stages, component.name, 'CMD');
    let argv: unknown;
    try {
      argv = JSON.parse(cmd ?? '');
    } catch {
      argv = undefined;
    }
    if (JSON.stringify(argv) !== JSON.stringify(['node', component.entry])) {
      problems.push(`${where}: CMD should be the exec form ["node", "${component.entry}"], is ${cmd ?? '(none)'}`);
    }
    const env = environment(stages, component.name);
    if (env.PORT !== String(component.port))
      problems.push(`${where}: ENV PORT should be ${component.port}, is ${env.PORT ?? '(unset)'}`);
    if (env.NODE_ENV !== 'production') problems.push(`${where}: ENV NODE_ENV should be production`);

    // The compiled code of the component and of every workspace library it needs, and its production dependencies:
    // the whole /src of a stage that installed them with `pnpm install --prod --filter "<package>..."`.
    const packageDir = path.dirname(path.dirname(component.entry));
    const packageName = (
      JSON.parse(readFileSync(path.join(repoRoot, packageDir, 'package.json'), 'utf8')) as { name: string }
    ).name;
    const targetCopies = lineage(stages, component.name).flatMap((stage) => copies([stage]));
    const copied = new Set(
      targetCopies.flatMap((copy) => copy.sources.map((source) => path.posix.relative('/src', source))),
    );
    const dependencies = targetCopies.find((copy) => copy.from && copy.sources.includes('/src'));
    const installs = dependencies
      ? lineage(stages, dependencies.from as string).flatMap((stage) =>
          stage.instructions.filter((i) => i.getKeyword() === 'RUN').map((i) => i.getArgumentsContent() ?? ''),
        )
      : [];
    if (!installs.some((run) => run.includes('--prod') && run.includes(`--filter "${packageName}..."`))) {
      problems.push(
        `${where}: does not copy the production dependencies of ${packageName} (pnpm install --prod --filter "${packageName}...")`,
      );
    }
    const built = [
      path.posix.dirname(component.entry),
      ...workspaceDependencies(repoRoot, packageDir).map((dir) => `${dir}/dist`),
      ...(component.assets ?? []),
    ];
    for (const dir of built) if (!copied.has(dir)) problems.push(`${where}: does not copy ${dir}`);
  }
  return problems;
}

/** Directories of the workspace packages `packageDir` depends on at run time, transitively. */
export function workspaceDependencies(repoRoot: string, packageDir: string, seen = new Set<string>()): string[] {
  const manifest = JSON.parse(readFileSync(path.join(repoRoot, packageDir, 'package.json'), 'utf8')) as {
    dependencies?: Record<string, string>;
  };
  for (const [name, version] of Object.entries(manifest.dependencies ?? {})) {
    if (!version.startsWith('workspace:')) continue;
    const dir = `libs/${name.replace(/^@gongzhi\//, '')}`;
    if (seen.has(dir)) continue;
    seen.add(dir);
    workspaceDependencies(repoRoot, dir, seen);
  }
  return [...seen];
}

/**
 * Whether `file` (relative to /src) exists in stage `name`: copied into it (or a stage it builds on) from the
 * context, made by `pnpm install` (node_modules) or by the build (a package's dist/).
 */
function producedBy(
  stages: Stage[],
  name: string,
  file: string,
  repoRoot: string,
  isIgnored: (file: string) => boolean,
): boolean {
  const chain = lineage(stages, name);
  const runs = chain.flatMap((stage) =>
    stage.instructions.filter((i) => i.getKeyword() === 'RUN').map((i) => i.getArgumentsContent() ?? ''),
  );
  const contextCopies = chain.flatMap((stage) => copies([stage])).filter((copy) => !copy.from);
  if (file === '') return runs.some((run) => /pnpm install/.test(run)); // the whole workspace, as installed
  if (/(^|\/)node_modules$/.test(file)) {
    const dir = path.posix.dirname(file);
    return (
      runs.some((run) => /pnpm install/.test(run)) &&
      (dir === '.' || existsSync(path.join(repoRoot, dir, 'package.json')))
    );
  }
  // What the build writes: a package's dist/ (tsc), or the console's dist-server/ (tsc) and dist-web/ (Vite).
  if (/(^|\/)dist(-server|-web)?$/.test(file)) {
    const dir = path.posix.dirname(file);
    return (
      runs.some((run) => /pnpm run build|tsc -b/.test(run)) && existsSync(path.join(repoRoot, dir, 'tsconfig.json'))
    );
  }
  const fromContext = contextCopies.some((copy) => copy.sources.some((source) => source === '.' || source === file));
  return fromContext && existsSync(path.join(repoRoot, file)) && !isIgnored(file);
}
