import { type Actor, type InternalTokenSigner, personAccessSchema, personAccessUrl } from '@gongzhi/contracts';
import { context, propagation } from '@opentelemetry/api';
import { LRUCache } from 'lru-cache';
import { AuthenticationUnavailableError } from './auth-errors';

/** Who the gateway is when it asks organization about a person. */
const GATEWAY_SERVICE_ACTOR: Actor = { kind: 'service', id: 'gateway', roles: [], scopes: [] };
const MAX_CACHED_PEOPLE = 10_000;

export interface PersonDirectoryOptions {
  /** Organization's GraphQL URL; the person-access endpoint is on the same origin. */
  organizationUrl: string;
  signer: InternalTokenSigner;
  /** How long an answer is reused: a role granted or revoked reaches the person within this time. */
  ttlMs: number;
  timeoutMs: number;
}

export interface PersonDirectory {
  /** The actor of a signed-in person; throws AuthenticationUnavailableError when organization cannot say. */
  resolve(subject: string, requestId: string): Promise<Actor>;
}

/**
 * Turns a verified subject into the person's actor with their roles, as organization records them. Answers are
 * cached per subject and concurrent requests of one subject share one lookup (lru-cache's fetch); failures are not
 * cached, so the next request asks again.
 */
export function createPersonDirectory({
  organizationUrl,
  signer,
  ttlMs,
  timeoutMs,
}: PersonDirectoryOptions): PersonDirectory {
  const lookUp = async (subject: string, requestId: string): Promise<Actor> => {
    const token = await signer.sign({ actor: GATEWAY_SERVICE_ACTOR, audience: 'organization', requestId });
    const headers: Record<string, string> = {
      authorization: `Bearer ${token}`,
      'x-request-id': requestId,
      accept: 'application/json',
    };
    // The lookup joins the trace of the request that needed it (a W3C traceparent; nothing while tracing is off).
    propagation.inject(context.active(), headers);
    let response: Response;
    try {
      response = await fetch(personAccessUrl(organizationUrl, subject), {
        headers,
        signal: AbortSignal.timeout(timeoutMs),
      });
    } catch (error) {
      throw new AuthenticationUnavailableError('The person directory did not answer', { cause: error });
    }
    if (response.status !== 200) {
      // Nothing to read; releasing the body gives the connection back to the pool at once.
      await response.body?.cancel();
      // Signed in, but organization grants them nothing (yet).
      if (response.status === 404) return { kind: 'person', id: subject, roles: [], scopes: [] };
      throw new AuthenticationUnavailableError(`The person directory answered ${response.status}`);
    }
    const access = personAccessSchema.safeParse(await response.json().catch(() => undefined));
    if (!access.success)
      throw new AuthenticationUnavailableError('The person directory answered with an unexpected body');
    const { name, residentId, householdId, roles } = access.data;
    return {
      kind: 'person',
      id: subject,
      ...(name !== null && { name }),
      roles,
      scopes: [],
      ...(residentId !== null && { residentId }),
      ...(householdId !== null && { householdId }),
    };
  };

  const cache = new LRUCache<string, Actor, string>({
    max: MAX_CACHED_PEOPLE,
    ttl: ttlMs,
    fetchMethod: (subject, _stale, { context: requestId }) => lookUp(subject, requestId),
  });

  return {
    async resolve(subject, requestId) {
      return (await cache.fetch(subject, { context: requestId })) as Actor;
    },
  };
}
