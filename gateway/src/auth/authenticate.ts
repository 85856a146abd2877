import { type Actor, ANONYMOUS, API_KEY_HEADER, API_KEY_PATTERN, type ApiKeyGrant } from '@gongzhi/contracts';
import type { RequestHandler, Response } from 'express';
import type { Logger } from 'pino';
import { requestIdOf } from '../plugins/request-id';
import { AuthenticationError, AuthenticationUnavailableError } from './auth-errors';
import type { ApiKeyRegistry } from './api-key-registry';
import type { PersonDirectory } from './person-directory';
import type { PersonTokenVerifier } from './person-tokens';
import type { CostLimiter, PointsDecision } from './cost-limiter';
import type { UsageReporter } from './usage-reporter';

export interface AuthenticationOptions {
  /** Absent when no identity provider is configured: every person token is then refused. */
  personTokens?: PersonTokenVerifier;
  personDirectory: Pick<PersonDirectory, 'resolve'>;
  apiKeys: Pick<ApiKeyRegistry, 'lookup' | 'isTrusted'>;
  costLimiter: Pick<CostLimiter, 'spend'>;
  /** The query-cost points a minute of keys whose grant names none. */
  pointsPerMinute: number;
  usage: Pick<UsageReporter, 'count'>;
  logger: Logger;
  /** Told what became of every request with an API key (for `gongzhi_api_key_requests_total`). */
  onApiKey?: (outcome: 'allowed' | 'rate-limited' | 'refused') => void;
}

// RFC 6750's b64token.
const BEARER = /^Bearer +([A-Za-z0-9\-._~+/]+=*)$/i;
// One message for every refused key, so nobody can tell an unknown key from a revoked or expired one.
const INVALID_API_KEY = 'The API key is not valid';
/** Seconds a partner is asked to wait while this gateway cannot vouch for its copy of the key registry. */
const REGISTRY_RETRY_AFTER_SECONDS = 5;

/**
 * What a partner's request spends: the query's cost in points of the key's minute, once the gateway knows the cost
 * (see useQueryCost). Throws CostLimiterUnavailableError when the shared count cannot be reached.
 */
export interface PartnerMeter {
  spend(points: number): Promise<PointsDecision>;
}

/**
 * Express middleware for /graphql, after useRequestId: finds out who is calling (a person's bearer token, a partner's
 * X-Api-Key, or nobody) and leaves the Actor in res.locals for actorOf(res), or answers the request itself with a
 * GraphQL-shaped error. Never logs a token or a key.
 */
export function useAuthentication(options: AuthenticationOptions): RequestHandler {
  return async (req, res, next) => {
    const authorization = req.headers.authorization;
    const apiKey = req.headers[API_KEY_HEADER];
    if (authorization !== undefined && apiKey !== undefined) {
      return refuse(
        res,
        400,
        'BAD_REQUEST',
        'Send one credential: an Authorization header or an X-Api-Key header, not both',
      );
    }
    const actor =
      authorization !== undefined
        ? await authenticatePerson(authorization, res, options)
        : apiKey !== undefined
          ? authenticatePartner(String(apiKey), res, options)
          : ANONYMOUS;
    if (!actor) return; // already answered
    res.locals.actor = actor;
    next();
  };
}

/** The meter of a partner's request; undefined for people and anonymous callers. */
export function partnerMeterOf(res: Response): PartnerMeter | undefined {
  return res.locals.partnerMeter as PartnerMeter | undefined;
}

/** The caller, as useAuthentication found it. */
export function actorOf(res: Response): Actor {
  const actor = res.locals.actor as Actor | undefined;
  // Failing closed: a route mounted without useAuthentication must not run as somebody.
  if (!actor) throw new Error('No actor: mount useAuthentication before this handler');
  return actor;
}

async function authenticatePerson(
  authorization: string,
  res: Response,
  options: AuthenticationOptions,
): Promise<Actor | undefined> {
  const requestId = requestIdOf(res);
  const token = BEARER.exec(authorization)?.[1];
  if (!token) return refuseToken(res, 'Send the token as Authorization: Bearer <token>');
  if (!options.personTokens) return refuseToken(res, 'Sign-in with a person token is not configured on this gateway');
  try {
    const person = await options.personTokens(token);
    const actor = await options.personDirectory.resolve(person.subject, requestId);
    if (actor.name || !person.name) return actor;
    // Organization knows no name for someone it grants nothing; the identity provider's is better than none.
    return { ...actor, name: person.name };
  } catch (error) {
    if (error instanceof AuthenticationError) {
      options.logger.info({ requestId, reason: error.message }, 'person token refused');
      return refuseToken(res, error.message);
    }
    if (error instanceof AuthenticationUnavailableError) {
      options.logger.warn({ requestId, err: error }, 'cannot authenticate people right now');
      return refuse(res, 503, 'UNAVAILABLE', 'Sign-in is unavailable for a moment; try again shortly');
    }
    throw error;
  }
}

function authenticatePartner(secret: string, res: Response, options: AuthenticationOptions): Actor | undefined {
  if (!API_KEY_PATTERN.test(secret)) return refuseKey(res, options);
  // Failing closed: a copy that may still hold a revoked key vouches for no key at all.
  if (!options.apiKeys.isTrusted()) {
    options.logger.warn(
      { requestId: requestIdOf(res) },
      'partner key refused: the API key registry cannot be vouched for',
    );
    res.setHeader('Retry-After', String(REGISTRY_RETRY_AFTER_SECONDS));
    return refuse(res, 503, 'API_KEYS_UNAVAILABLE', 'API keys cannot be checked right now; try again shortly');
  }
  const grant = options.apiKeys.lookup(secret);
  if (!grant) return refuseKey(res, options);
  const perMinute = grant.rateLimitPerMinute ?? options.pointsPerMinute;
  const meter: PartnerMeter = {
    async spend(points) {
      const decision = await options.costLimiter.spend(grant.keyId, points, perMinute);
      const outcome = decision.allowed ? 'allowed' : 'rate-limited';
      options.usage.count(grant, outcome);
      options.onApiKey?.(outcome);
      return decision;
    },
  };
  res.locals.partnerMeter = meter;
  return partnerActor(grant);
}

/** An unknown, revoked or expired key (or no key at all): one answer for all, counted as `refused`. */
function refuseKey(res: Response, options: AuthenticationOptions): undefined {
  options.onApiKey?.('refused');
  return refuse(res, 401, 'UNAUTHENTICATED', INVALID_API_KEY);
}

function partnerActor(grant: ApiKeyGrant): Actor {
  return {
    kind: 'partner',
    id: grant.partnerUnitId,
    name: grant.partnerName,
    roles: [{ role: 'PARTNER', jurisdiction: { communityIds: grant.communityIds, compoundIds: [], buildingIds: [] } }],
    scopes: grant.scopes,
    partnerUnitId: grant.partnerUnitId,
    apiKeyId: grant.keyId,
  };
}

function refuseToken(res: Response, message: string): undefined {
  res.setHeader('WWW-Authenticate', 'Bearer error="invalid_token"');
  return refuse(res, 401, 'UNAUTHENTICATED', message);
}

function refuse(res: Response, status: number, code: string, message: string): undefined {
  res.status(status).json({ errors: [{ message, extensions: { code } }] });
  return undefined;
}
