import { findRepoRoot } from '../process/repo-root';
import { runComparison } from './compare';
import { manifestNodeOptions, memoryVariants, runMemory } from './memory';
import { runPerReplica } from './per-replica';

/**
 * `npm run bench`: Gongzhi's gateway against a plain @apollo/gateway and against the subgraph called directly, on
 * the same stack (docs/benchmark.md). `npm run bench -- --per-replica`: each subgraph's throughput directly and
 * through the gateway, against a running `npm start` (docs/scaling.md).
 *
 * Options: --duration S (a run, ≤ 45: internal tokens live 60 s), --connections N (≤ 64), --repetitions N (≥ 3 unless
 * told otherwise, ≤ 10), --warmup S (0 to 30), --only TEXT (scenarios whose name contains it), --no-partner (person
 * runs only), --subject SUBJECT. The partner runs' key is granted more points a minute than any partner would be
 * (key-ceiling.ts; the stack the bench starts allows it), so its limit never refuses while every point is counted. `npm run bench -- --memory [--old-space MB,…] [--node-options 'FLAGS;FLAGS'] [--entry
 * FILE]`: the gateway's resident memory at 50 connections, started as in production, with V8's defaults, with the
 * NODE_OPTIONS its Deployment sets, and with any other ceilings or flags given, side by side.
 */
export function parseBenchArgs(args: string[]) {
  const value = (name: string) => {
    const at = args.indexOf(`--${name}`);
    return at >= 0 ? args[at + 1] : undefined;
  };
  const bounded = (name: string, fallback: number, min: number, max: number) => {
    const raw = Number(value(name) ?? fallback);
    if (!Number.isInteger(raw) || raw < min || raw > max)
      throw new Error(`--${name} must be an integer from ${min} to ${max}`);
    return raw;
  };
  return {
    perReplica: args.includes('--per-replica'),
    memory: args.includes('--memory'),
    oldSpace: (value('old-space') ?? '')
      .split(',')
      .filter(Boolean)
      .map((mb) => {
        if (!/^\d+$/.test(mb) || Number(mb) < 64)
          throw new Error('--old-space takes sizes in MB (64 or more), e.g. 160,256');
        return Number(mb);
      }),
    nodeOptions: (value('node-options') ?? '')
      .split(';')
      .map((flags) => flags.trim())
      .filter(Boolean),
    entry: value('entry') ?? 'gateway/dist/main.js',
    durationSeconds: bounded('duration', args.includes('--per-replica') ? 10 : 5, 1, 45),
    connections: bounded('connections', 10, 1, 64),
    repetitions: bounded('repetitions', 3, 1, 10),
    warmupSeconds: bounded('warmup', 2, 0, 30),
    only: value('only'),
    partner: !args.includes('--no-partner'),
    subject: value('subject') ?? 'demo:street-staff',
  };
}

async function main(): Promise<void> {
  const options = parseBenchArgs(process.argv.slice(2));
  const repoRoot = findRepoRoot(__dirname);
  if (options.memory) {
    await runMemory(
      repoRoot,
      { ...options, connections: process.argv.includes('--connections') ? options.connections : 50 },
      memoryVariants(manifestNodeOptions(repoRoot), options.oldSpace, options.nodeOptions),
    );
  } else if (options.perReplica) await runPerReplica(repoRoot, options);
  else await runComparison(repoRoot, options);
}

if (require.main === module) {
  main().then(
    () => process.exit(0),
    (error: unknown) => {
      console.error(`bench: ${error instanceof Error ? error.message : String(error)}`);
      process.exit(1);
    },
  );
}
