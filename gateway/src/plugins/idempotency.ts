import { createCipheriv, createDecipheriv, createHash, hkdfSync, randomBytes } from 'node:crypto';
import { type ApolloServerPlugin, HeaderMap } from '@apollo/server';
import { StorageType } from '@nats-io/jetstream';
import { type KV, Kvm } from '@nats-io/kv';
import { type FormattedExecutionResult, GraphQLError, OperationTypeNode, print } from 'graphql';
import type { Logger } from 'pino';
import type { NatsConnection } from '../auth/nats-connection';
import type { GatewayContext } from '../context';

export const IDEMPOTENCY_KEY_HEADER = 'idempotency-key';
export const IDEMPOTENT_REPLAYED_HEADER = 'idempotent-replayed';

/** A finished request's answer, as a retry gets it again. */
export interface IdempotentResponse {
  status?: number;
  body: FormattedExecutionResult;
}

/**
 * What is kept per (caller, key): the request's fingerprint and, once it has finished, its answer — sealed (see
 * sealResponse), since an answer may hold personal data (a resident's whole phone number) that must not rest in clear.
 */
export interface IdempotencyRecord {
  state: 'running' | 'done';
  fingerprint: string;
  startedAt: number;
  /** base64 of IV, GCM tag and the encrypted JSON of the IdempotentResponse. */
  sealedResponse?: string;
  /** The answer in clear, as gateways kept it before answers were sealed: read, never written, for its last 24 h. */
  response?: IdempotentResponse;
}

export interface IdempotencyStore {
  /** Atomically takes `id` for a new request; the record already there when another request took it first. */
  claim(
    id: string,
    record: IdempotencyRecord,
  ): Promise<{ claimed: true } | { claimed: false; existing: IdempotencyRecord }>;
  /** Keeps the finished request's answer for retries. */
  complete(id: string, record: IdempotencyRecord): Promise<void>;
  /** Forgets a request that certainly changed nothing, so a retry runs anew. */
  release(id: string): Promise<void>;
}

export const IDEMPOTENCY_DEFAULTS = {
  /** How long a key is kept after its last change: Stripe's 24 h. */
  ttlMs: 24 * 60 * 60 * 1000,
  /** A request still "running" after this long died with its gateway: its outcome is unknown. */
  staleAfterMs: 60_000,
};

export function idempotencyBucketName(namespace: string): string {
  return `${namespace}-idempotency`;
}

/**
 * The store in a NATS JetStream KV bucket shared by every gateway replica: `create` is atomic across replicas, and
 * the bucket's max age drops keys `ttlMs` after their last write. Entries are named by a hash of caller and key, so
 * neither appears in the bucket.
 */
export async function openIdempotencyStore({
  nc,
  namespace,
  ttlMs = IDEMPOTENCY_DEFAULTS.ttlMs,
  replicas = 1,
}: {
  nc: NatsConnection;
  namespace: string;
  ttlMs?: number;
  /** Copies JetStream keeps of the bucket, should this gateway be the first to create it (EVENTS_REPLICAS). */
  replicas?: number;
}): Promise<IdempotencyStore> {
  const kv: KV = await new Kvm(nc).create(idempotencyBucketName(namespace), {
    history: 1,
    ttl: ttlMs,
    storage: StorageType.File,
    replicas,
  });
  const encode = (record: IdempotencyRecord) => JSON.stringify(record);
  return {
    async claim(id, record) {
      try {
        await kv.create(id, encode(record));
        return { claimed: true };
      } catch (error) {
        const existing = await kv.get(id);
        if (!existing || existing.operation !== 'PUT') throw error;
        return { claimed: false, existing: existing.json<IdempotencyRecord>() };
      }
    },
    async complete(id, record) {
      await kv.put(id, encode(record));
    },
    async release(id) {
      await kv.purge(id);
    },
  };
}

/** Codes that mean the mutation certainly changed nothing: the key is released so a retry can run. */
const NOTHING_CHANGED = new Set(['DEADLINE_EXCEEDED', 'SUBGRAPH_UNAVAILABLE']);

/** 1–255 visible ASCII characters (a UUID, say), as Stripe accepts. */
const KEY_PATTERN = /^[\x21-\x7e]{1,255}$/;

const refuse = (code: string, status: number, message: string) =>
  new GraphQLError(message, { extensions: { code, http: { status } } });

/** JSON with object keys sorted, so the same variables always give the same fingerprint. */
function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (value && typeof value === 'object') {
    return `{${Object.keys(value)
      .sort()
      .map((key) => `${JSON.stringify(key)}:${canonical((value as Record<string, unknown>)[key])}`)
      .join(',')}}`;
  }
  return JSON.stringify(value ?? null);
}

const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

/**
 * The key an answer is sealed with: HKDF-SHA256 of the caller and their Idempotency-Key, which only the caller holds
 * (the bucket names entries by a SHA-256 of the same two, from which the key cannot be had). Nobody reading the
 * bucket, its files or a backup can read an answer without the Idempotency-Key, and the gateway keeps no key to
 * manage, rotate or leak.
 */
function answerKey(callerAndKey: string): Buffer {
  return Buffer.from(hkdfSync('sha256', callerAndKey, 'gongzhi-idempotency', 'answer v1', 32));
}

/** AES-256-GCM under answerKey: IV (12 bytes), tag (16 bytes) and ciphertext, base64. */
export function sealResponse(response: IdempotentResponse, callerAndKey: string): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', answerKey(callerAndKey), iv);
  const sealed = Buffer.concat([cipher.update(JSON.stringify(response), 'utf8'), cipher.final()]);
  return Buffer.concat([iv, cipher.getAuthTag(), sealed]).toString('base64');
}

/** The answer sealResponse sealed; throws when it was sealed for another caller or key, or altered. */
export function openResponse(sealedResponse: string, callerAndKey: string): IdempotentResponse {
  const bytes = Buffer.from(sealedResponse, 'base64');
  const decipher = createDecipheriv('aes-256-gcm', answerKey(callerAndKey), bytes.subarray(0, 12));
  decipher.setAuthTag(bytes.subarray(12, 28));
  return JSON.parse(
    Buffer.concat([decipher.update(bytes.subarray(28)), decipher.final()]).toString('utf8'),
  ) as IdempotentResponse;
}

/** The answer kept in a finished record, opened; OUTCOME_UNKNOWN, never a second run, when it cannot be had. */
function openKept(record: IdempotencyRecord, callerAndKey: string, requestId: string, logger: Logger) {
  try {
    if (record.sealedResponse) return openResponse(record.sealedResponse, callerAndKey);
    if (record.response) return record.response;
  } catch (error) {
    logger.error({ requestId, err: error }, 'a kept idempotent answer would not open');
  }
  throw refuse(
    'OUTCOME_UNKNOWN',
    409,
    'The answer kept for this Idempotency-Key cannot be read: the request may or may not have been applied',
  );
}

interface Claim {
  id: string;
  callerAndKey: string;
  fingerprint: string;
  startedAt: number;
}

/**
 * Stripe's idempotent requests for mutations: a mutation sent with `Idempotency-Key` runs once per caller and key;
 * a retry gets the first answer (with `Idempotent-Replayed: true`), on any replica, for `ttlMs`; the same key with a
 * different operation or variables is refused (422 IDEMPOTENCY_KEY_REUSED), and a retry while the first still runs
 * is told so (409 IDEMPOTENCY_KEY_IN_PROGRESS). Queries ignore the header. Without a store (NATS unreachable) a
 * keyed mutation is refused with 503 rather than run without its guarantee.
 */
export function useIdempotency({
  store,
  logger,
  staleAfterMs = IDEMPOTENCY_DEFAULTS.staleAfterMs,
}: {
  store: () => IdempotencyStore | undefined;
  logger: Logger;
  staleAfterMs?: number;
}): ApolloServerPlugin<GatewayContext> {
  return {
    async requestDidStart({ request }) {
      const key = request.http?.headers.get(IDEMPOTENCY_KEY_HEADER);
      if (key === undefined) return;
      let claim: Claim | undefined;
      let replay: IdempotentResponse | undefined;
      return {
        async didResolveOperation({ operation, document, operationName, contextValue }) {
          if (operation?.operation !== OperationTypeNode.MUTATION) return;
          if (!KEY_PATTERN.test(key))
            throw refuse(
              'IDEMPOTENCY_KEY_INVALID',
              400,
              'Idempotency-Key must be 1 to 255 visible ASCII characters (a UUID, say)',
            );
          const { actor } = contextValue;
          if (actor.kind === 'anonymous')
            throw refuse(
              'IDEMPOTENCY_KEY_INVALID',
              400,
              'Idempotency-Key needs a signed-in caller: keys are kept per caller',
            );
          const current = store();
          if (!current)
            throw refuse('IDEMPOTENCY_UNAVAILABLE', 503, 'Idempotent requests are unavailable right now; retry later');
          const callerAndKey = `${actor.kind}:${actor.id}\n${key}`;
          const id = sha256(callerAndKey);
          const fingerprint = sha256(
            `${operationName ?? ''}\n${print(document)}\n${canonical(request.variables ?? {})}`,
          );
          const startedAt = Date.now();
          let outcome: Awaited<ReturnType<IdempotencyStore['claim']>>;
          try {
            outcome = await current.claim(id, { state: 'running', fingerprint, startedAt });
          } catch (error) {
            logger.error({ requestId: contextValue.requestId, err: error }, 'the idempotency store failed');
            throw refuse('IDEMPOTENCY_UNAVAILABLE', 503, 'Idempotent requests are unavailable right now; retry later');
          }
          if (outcome.claimed) {
            claim = { id, callerAndKey, fingerprint, startedAt };
            return;
          }
          const { existing } = outcome;
          if (existing.fingerprint !== fingerprint) {
            throw refuse(
              'IDEMPOTENCY_KEY_REUSED',
              422,
              'This Idempotency-Key was used for a different request; use a new key for a new request',
            );
          }
          if (existing.state === 'running') {
            if (Date.now() - existing.startedAt > staleAfterMs) {
              throw refuse(
                'OUTCOME_UNKNOWN',
                409,
                'The first request with this Idempotency-Key stopped before answering: it may or may not have been applied',
              );
            }
            throw refuse(
              'IDEMPOTENCY_KEY_IN_PROGRESS',
              409,
              'The first request with this Idempotency-Key is still running; retry shortly',
            );
          }
          replay = openKept(existing, callerAndKey, contextValue.requestId, logger);
        },
        async responseForOperation() {
          if (!replay) return null;
          return {
            http: { status: replay.status, headers: new HeaderMap([[IDEMPOTENT_REPLAYED_HEADER, 'true']]) },
            body: { kind: 'single', singleResult: replay.body },
          };
        },
        async willSendResponse({ response, contextValue }) {
          if (replay || !claim || response.body.kind !== 'single') return;
          const { data, errors } = response.body.singleResult;
          const current = store();
          try {
            const changedNothing =
              !data && !!errors?.length && errors.every((error) => NOTHING_CHANGED.has(String(error.extensions?.code)));
            if (changedNothing) await current?.release(claim.id);
            else {
              const body: FormattedExecutionResult = { ...(errors && { errors }), ...(data !== undefined && { data }) };
              await current?.complete(claim.id, {
                state: 'done',
                fingerprint: claim.fingerprint,
                startedAt: claim.startedAt,
                sealedResponse: sealResponse({ status: response.http.status, body }, claim.callerAndKey),
              });
            }
          } catch (error) {
            // The mutation ran; a retry will hear "in progress", then OUTCOME_UNKNOWN: never a second run.
            logger.error(
              { requestId: contextValue.requestId, err: error },
              'could not keep the answer of an idempotent request',
            );
          }
        },
      };
    },
  };
}
