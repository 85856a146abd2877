import { ApolloGateway, RemoteGraphQLDataSource } from '@apollo/gateway';
import { ApolloServer } from '@apollo/server';
import { startStandaloneServer } from '@apollo/server/standalone';
import {
  type Actor,
  actorSchema,
  ANONYMOUS,
  createInternalTokenSigner,
  importSigningKey,
  type InternalTokenSigner,
  type JWK,
} from '@gongzhi/contracts';
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';

/**
 * The bench's reference: a plain `@apollo/gateway` on Apollo Server 5, on the same supergraph and subgraphs as
 * Gongzhi's gateway, doing only what a subgraph demands of any caller — a fresh internal token on every subgraph
 * fetch, signed for the actor the bench names in {@link BENCH_ACTOR_HEADER}. No authentication, limits, cost
 * analysis, masking, logging or metrics: what Gongzhi's gateway adds on top is the difference the bench measures.
 * Started and stopped by `npm run bench`; never part of a deployment (it trusts whatever actor the caller names).
 *
 * Environment: PORT, SUPERGRAPH_PATH, INTERNAL_TOKEN_KEY_PATH, SUBGRAPH_URLS (JSON: name → URL).
 */
export const BENCH_ACTOR_HEADER = 'x-bench-actor';

interface PlainContext {
  actor: Actor;
}

/** The actor the bench sends, base64url JSON; anonymous when absent. */
export function benchActorOf(header: string | string[] | undefined): Actor {
  if (typeof header !== 'string') return ANONYMOUS;
  return actorSchema.parse(JSON.parse(Buffer.from(header, 'base64url').toString('utf8')));
}

export function benchActorHeader(actor: Actor): string {
  return Buffer.from(JSON.stringify(actor), 'utf8').toString('base64url');
}

function required(name: string): string {
  const value = process.env[name];
  if (!value) throw new Error(`${name} is required`);
  return value;
}

async function main(): Promise<void> {
  const port = Number(required('PORT'));
  const urls = JSON.parse(required('SUBGRAPH_URLS')) as Record<string, string>;
  const signer: InternalTokenSigner = createInternalTokenSigner(
    await importSigningKey(JSON.parse(readFileSync(required('INTERNAL_TOKEN_KEY_PATH'), 'utf8')) as JWK),
    30,
  );
  const gateway = new ApolloGateway({
    supergraphSdl: readFileSync(required('SUPERGRAPH_PATH'), 'utf8'),
    buildService: ({ name }) =>
      new RemoteGraphQLDataSource<PlainContext>({
        url: urls[name],
        async willSendRequest(options) {
          const actor = 'incomingRequestContext' in options ? options.context.actor : ANONYMOUS;
          const token = await signer.sign({ actor, audience: name, requestId: randomUUID() });
          options.request.http?.headers.set('authorization', `Bearer ${token}`);
        },
      }),
  });
  const server = new ApolloServer<PlainContext>({ gateway });
  const { url } = await startStandaloneServer(server, {
    listen: { port, host: '127.0.0.1' },
    context: async ({ req }) => ({ actor: benchActorOf(req.headers[BENCH_ACTOR_HEADER]) }),
  });
  console.log(`plain gateway listening on ${url}`);
  const stop = () => void server.stop().then(() => process.exit(0));
  process.on('SIGTERM', stop);
  process.on('SIGINT', stop);
}

if (require.main === module) {
  main().catch((error: unknown) => {
    console.error(`plain gateway: ${error instanceof Error ? error.message : String(error)}`);
    process.exit(1);
  });
}
