import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { composeServices } from '@apollo/composition';
import { parse } from 'graphql';
import { z } from 'zod';

/** gateway/supergraph: the subgraph list and the composed supergraph, committed side by side. */
export const SUPERGRAPH_DIR = path.resolve(__dirname, '..', '..', 'supergraph');
export const SUBGRAPHS_FILE = path.join(SUPERGRAPH_DIR, 'subgraphs.json');
export const SUPERGRAPH_FILE = path.join(SUPERGRAPH_DIR, 'supergraph.graphql');
export const COMPOSE_COMMAND = 'npm run compose';

export interface SubgraphSdl {
  name: string;
  sdl: string;
}

export type CompositionOutcome = { ok: true; supergraphSdl: string; hints: string[] } | { ok: false; errors: string[] };

const HEADER =
  `# Composed by \`${COMPOSE_COMMAND}\` from gateway/supergraph/subgraphs.json: do not edit.\n` +
  '# Subgraph URLs here are placeholders; the gateway dials the URLs of its configuration (<NAME>_URL).\n';

/** Nobody can mistake these for real addresses (.invalid is reserved, RFC 2606). */
export function placeholderUrl(name: string): string {
  return `http://${name}.subgraph.invalid/graphql`;
}

export function composeSupergraph(subgraphs: SubgraphSdl[]): CompositionOutcome {
  const services = [];
  for (const { name, sdl } of subgraphs) {
    try {
      services.push({ name, url: placeholderUrl(name), typeDefs: parse(sdl) });
    } catch (error) {
      return { ok: false, errors: [`[${name}] ${(error as Error).message}`] };
    }
  }
  const result = composeServices(services);
  if (result.errors) {
    return { ok: false, errors: result.errors.map((error) => error.message) };
  }
  return {
    ok: true,
    supergraphSdl: HEADER + result.supergraphSdl + '\n',
    hints: result.hints.map((hint) => hint.toString()),
  };
}

const subgraphList = z
  .array(z.object({ name: z.string().regex(/^[a-z][a-z0-9_]*$/), schema: z.string().min(1) }))
  .min(1)
  .refine((list) => new Set(list.map((s) => s.name)).size === list.length, 'subgraph names must be unique');

/** Reads subgraphs.json and each SDL file it lists (paths relative to subgraphs.json). */
export async function readSubgraphs(listFile = SUBGRAPHS_FILE): Promise<SubgraphSdl[]> {
  const parsed = subgraphList.safeParse(JSON.parse(await readFile(listFile, 'utf8')));
  if (!parsed.success) {
    throw new Error(`${listFile}: ${parsed.error.issues.map((i) => `${i.path.join('.')} ${i.message}`).join('; ')}`);
  }
  return Promise.all(
    parsed.data.map(async ({ name, schema }) => {
      const file = path.resolve(path.dirname(listFile), schema);
      try {
        return { name, sdl: await readFile(file, 'utf8') };
      } catch {
        throw new Error(`subgraph "${name}": cannot read its SDL file ${path.relative(process.cwd(), file)}`);
      }
    }),
  );
}

export type SupergraphCheck =
  | { status: 'fresh'; supergraphSdl: string; hints: string[] }
  | { status: 'stale' | 'missing'; supergraphSdl: string; hints: string[]; message: string }
  | { status: 'failed'; message: string };

/** Composes the listed subgraphs and compares the result with the committed supergraph file. */
export async function checkSupergraph(
  listFile = SUBGRAPHS_FILE,
  supergraphFile = SUPERGRAPH_FILE,
): Promise<SupergraphCheck> {
  let outcome: CompositionOutcome;
  try {
    outcome = composeSupergraph(await readSubgraphs(listFile));
  } catch (error) {
    return { status: 'failed', message: `Supergraph composition failed: ${(error as Error).message}` };
  }
  if (!outcome.ok) {
    return {
      status: 'failed',
      message: `Supergraph composition failed:\n${outcome.errors.map((e) => `  - ${e}`).join('\n')}`,
    };
  }
  const committed = await readFile(supergraphFile, 'utf8').catch(() => undefined);
  if (committed === outcome.supergraphSdl) {
    return { status: 'fresh', supergraphSdl: outcome.supergraphSdl, hints: outcome.hints };
  }
  const file = path.relative(process.cwd(), supergraphFile);
  const { supergraphSdl, hints } = outcome;
  return committed === undefined
    ? { status: 'missing', supergraphSdl, hints, message: `${file} does not exist: run \`${COMPOSE_COMMAND}\`` }
    : {
        status: 'stale',
        supergraphSdl,
        hints,
        message: `${file} is stale (a subgraph schema changed): run \`${COMPOSE_COMMAND}\` and commit it`,
      };
}
