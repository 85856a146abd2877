import { type Actor, type InternalTokenSigner, personAccessSchema, personAccessUrl } from '@gongzhi/contracts';
import { type ChildProcess, spawn } from 'node:child_process';
import { closeSync, mkdirSync, openSync } from 'node:fs';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { statePaths } from '../cli/state-paths';
import { ISSUE_API_KEY_MUTATION, PARTNER_UNITS_QUERY, REVOKE_API_KEY_MUTATION } from './bench-queries';
import { BENCH_KEY_POINTS_PER_MINUTE, BENCH_STACK_ENV, keyCeilingOf } from './key-ceiling';

export const progress = (message: string) => process.stderr.write(`bench: ${message}\n`);

async function isReady(gatewayUrl: string): Promise<boolean> {
  const response = await fetch(`${gatewayUrl}/health/ready`, { signal: AbortSignal.timeout(2_000) }).catch(
    () => undefined,
  );
  await response?.body?.cancel();
  return response?.ok ?? false;
}

export interface Stack {
  /** Whether the bench started it (and stops it). */
  startedHere: boolean;
  stop(): Promise<void>;
}

/**
 * A running `npm start` stack is used as it is; otherwise the bench runs `npm start` itself (MongoDB, NATS, demo
 * data, the four subgraphs and the gateway; its output in .gongzhi/logs/bench-start.log), with organization allowed
 * to grant the bench's key BENCH_KEY_POINTS_PER_MINUTE, and stops it at the end.
 */
export async function ensureStack(repoRoot: string, gatewayUrl: string, timeoutMs = 15 * 60_000): Promise<Stack> {
  if (await isReady(gatewayUrl)) {
    progress(`using the stack already running at ${gatewayUrl}`);
    return { startedHere: false, stop: async () => {} };
  }
  const { logsDir } = statePaths(repoRoot);
  mkdirSync(logsDir, { recursive: true });
  const logPath = path.join(logsDir, 'bench-start.log');
  progress(`no stack at ${gatewayUrl}: starting one with \`npm start\` (log ${path.relative(repoRoot, logPath)})…`);
  const logFd = openSync(logPath, 'w');
  const child: ChildProcess = spawn(process.execPath, [path.join(repoRoot, 'infra/scripts/gongzhi.mjs'), 'start'], {
    cwd: repoRoot,
    env: { ...process.env, ...BENCH_STACK_ENV },
    stdio: ['ignore', logFd, logFd],
  });
  closeSync(logFd);
  let exited = false;
  const exit = new Promise<void>((resolve) =>
    child.once('exit', () => {
      exited = true;
      resolve();
    }),
  );
  const stop = async () => {
    if (exited) return;
    progress('stopping the stack it started…');
    child.kill('SIGINT');
    await Promise.race([exit, sleep(60_000)]);
    if (!exited) child.kill('SIGKILL');
  };
  const started = Date.now();
  let lastReport = started;
  while (!(await isReady(gatewayUrl))) {
    if (exited) throw new Error(`\`npm start\` stopped before the stack was ready; see ${logPath}`);
    if (Date.now() - started > timeoutMs) {
      await stop();
      throw new Error(`the stack was not ready within ${timeoutMs / 60_000} min; see ${logPath}`);
    }
    if (Date.now() - lastReport > 15_000) {
      progress(`still starting (${Math.round((Date.now() - started) / 1000)} s)…`);
      lastReport = Date.now();
    }
    await sleep(1_000);
  }
  progress(`stack ready after ${Math.round((Date.now() - started) / 1000)} s`);
  return { startedHere: true, stop };
}

/** The subject's actor as organization describes it to the gateway (the gateway's own person lookup, done once). */
export async function personActorOf(
  subject: string,
  organizationUrl: string,
  signer: InternalTokenSigner,
): Promise<Actor> {
  const token = await signer.sign({
    actor: { kind: 'service', id: 'gateway', roles: [], scopes: [] },
    audience: 'organization',
    requestId: 'bench-actor',
  });
  const response = await fetch(personAccessUrl(organizationUrl, subject), {
    headers: { authorization: `Bearer ${token}` },
  });
  if (!response.ok)
    throw new Error(
      `organization does not know ${subject} (${response.status}): run \`npm start\`, which loads the demo data`,
    );
  const { name, roles } = personAccessSchema.parse(await response.json());
  return { kind: 'person', id: subject, ...(name !== null && { name }), roles, scopes: [] };
}

/** POSTs one GraphQL operation; the data, or an error naming what failed. */
export async function graphql<T>(
  url: string,
  headers: Record<string, string>,
  query: string,
  variables?: Record<string, unknown>,
): Promise<T> {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify({ query, variables }),
    signal: AbortSignal.timeout(30_000),
  });
  const text = await response.text();
  let body: { data?: T; errors?: unknown[] };
  try {
    body = JSON.parse(text) as typeof body;
  } catch {
    throw new Error(`${response.status} ${text.slice(0, 300)}`);
  }
  if (!response.ok || body.errors?.length || !body.data)
    throw new GraphqlRequestError(`${response.status} ${text.slice(0, 500)}`, body.errors);
  return body.data;
}

/** An operation answered errors (or no data): the message has the status and the body's start; `errors` the list. */
export class GraphqlRequestError extends Error {
  constructor(
    message: string,
    readonly errors: unknown[] = [],
  ) {
    super(message);
  }
}

export interface PartnerKey {
  id: string;
  secret: string;
  /** The points a minute it was granted: BENCH_KEY_POINTS_PER_MINUTE, or less on a stack that allows less. */
  rateLimitPerMinute: number;
  /** The actor the gateway makes of the key (for the plain gateway and the direct calls). */
  actor: Actor;
  /** A community of the partner's agreement in force. */
  communityId: string;
}

interface PartnerUnitRow {
  id: string;
  name: string;
  agreements: { edges: Array<{ node: { validFrom: string; validUntil: string; community: { id: string } } }> };
}

const PARTNER_SCOPES = ['facilities:lamps:read', 'facilities:gate-events:write', 'deliberation:motions:read'];

/**
 * A key for the first demo partner unit, with an agreement in force, the street staff may issue one to, granted
 * BENCH_KEY_POINTS_PER_MINUTE (or the most a running stack started without the bench's ceiling allows, said in the
 * progress output); waits until the gateway accepts it. Revoke it with revokePartnerKey when done.
 */
export async function issuePartnerKey(gatewayGraphql: string, staffToken: string): Promise<PartnerKey> {
  const auth = { authorization: `Bearer ${staffToken}` };
  const data = await graphql<{ partnerUnits: { edges: Array<{ node: PartnerUnitRow }> } }>(
    gatewayGraphql,
    auth,
    PARTNER_UNITS_QUERY,
  );
  const now = Date.now();
  let rateLimitPerMinute = BENCH_KEY_POINTS_PER_MINUTE;
  const issue = (partnerUnitId: string) =>
    graphql<{ issueApiKey: { apiKey: { id: string }; secret: string } }>(gatewayGraphql, auth, ISSUE_API_KEY_MUTATION, {
      input: { partnerUnitId, scopes: PARTNER_SCOPES, rateLimitPerMinute },
    });
  for (const { node } of data.partnerUnits.edges) {
    const communityIds = [
      ...new Set(
        node.agreements.edges
          .map((edge) => edge.node)
          .filter((a) => Date.parse(a.validFrom) <= now && Date.parse(a.validUntil) >= now)
          .map((a) => a.community.id),
      ),
    ];
    if (communityIds.length === 0) continue;
    const issued = await issue(node.id).catch(async (error: unknown) => {
      // A stack started without the bench's ceiling (a running `npm start`): the most it allows, and a warning.
      const ceiling = keyCeilingOf(error instanceof GraphqlRequestError ? error.errors : undefined);
      if (ceiling === undefined || ceiling >= rateLimitPerMinute) return undefined;
      rateLimitPerMinute = ceiling;
      progress(
        `this stack grants a key at most ${ceiling.toLocaleString('en-US')} points a minute (its organization was started without ` +
          `API_KEY_MAX_RATE_LIMIT_PER_MINUTE=${BENCH_KEY_POINTS_PER_MINUTE}): the partner rows may be refused by ` +
          `the key's limit (counted as failed, and then not judged); let the bench start its own stack to avoid it`,
      );
      return issue(node.id).catch(() => undefined);
    });
    if (!issued) continue;
    const id = issued.issueApiKey.apiKey.id;
    const secret = issued.issueApiKey.secret;
    const started = Date.now();
    while (
      (await graphql(gatewayGraphql, { 'x-api-key': secret }, '{ __typename }').catch(() => undefined)) === undefined
    ) {
      // Organization publishes the key to every gateway through its outbox and NATS: quick on a quiet machine.
      if (Date.now() - started > 90_000) {
        await revokePartnerKey(gatewayGraphql, staffToken, id).catch(() => undefined);
        throw new Error(`the gateway did not accept the new partner key within 90 s (key ${id}, revoked again)`);
      }
      await sleep(200);
    }
    const actor: Actor = {
      kind: 'partner',
      id: node.id,
      name: node.name,
      roles: [{ role: 'PARTNER', jurisdiction: { communityIds, compoundIds: [], buildingIds: [] } }],
      scopes: PARTNER_SCOPES,
      partnerUnitId: node.id,
      apiKeyId: id,
    };
    return { id, secret, rateLimitPerMinute, actor, communityId: communityIds[0] };
  }
  throw new Error('the street staff could issue a key to none of the demo partner units with an agreement in force');
}

export async function revokePartnerKey(gatewayGraphql: string, staffToken: string, id: string): Promise<void> {
  await graphql(gatewayGraphql, { authorization: `Bearer ${staffToken}` }, REVOKE_API_KEY_MUTATION, {
    input: { apiKeyId: id },
  });
}
