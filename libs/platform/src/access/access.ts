import {
  type Actor,
  grantsCovering,
  type Jurisdiction,
  type Place,
  type Role,
  type RoleGrant,
} from '@gongzhi/contracts';
import { DomainError } from '../graphql/domain-error';
import { currentActor } from '../request-context/request-context';

/** Signed in, but this is outside the caller's roles, jurisdiction or scopes. Comes back on the field, not the request. */
export class ForbiddenError extends DomainError {
  constructor(message = 'You may not see or change this') {
    super('FORBIDDEN', message);
  }
}

/** Anonymous callers see public fields only. */
export class UnauthenticatedError extends DomainError {
  constructor(message = 'Sign in to see this') {
    super('UNAUTHENTICATED', message);
  }
}

export function requireSignedIn(actor: Actor = currentActor()): Actor {
  if (actor.kind === 'anonymous') throw new UnauthenticatedError();
  return actor;
}

/** The caller's grant of one of `roles` whose jurisdiction contains `place`; FORBIDDEN when there is none. */
export function requireRoleCovering(place: Place, roles: readonly Role[], actor: Actor = currentActor()): RoleGrant {
  requireSignedIn(actor);
  const [grant] = grantsCovering(actor, place, roles);
  if (!grant) throw new ForbiddenError();
  return grant;
}

/** The gateway itself and ops tooling act as `service`: trusted for everything. */
export function isTrustedService(actor: Actor = currentActor()): boolean {
  return actor.kind === 'service';
}

/** Whether the caller holds one of `roles` anywhere (creating a community needs STREET_STAFF, not a place). */
export function holdsRole(roles: readonly Role[], actor: Actor = currentActor()): boolean {
  return actor.roles.some((grant) => roles.includes(grant.role));
}

/** Whether the caller holds one of `roles` over `place`. */
export function holdsRoleCovering(place: Place, roles: readonly Role[], actor: Actor = currentActor()): boolean {
  return grantsCovering(actor, place, roles).length > 0;
}

/** Services, and callers holding one of `roles` over `place`; a place that does not exist (null) is for services alone. */
export function serviceOrRoleCovering(
  place: Place | null,
  roles: readonly Role[],
  actor: Actor = currentActor(),
): boolean {
  return isTrustedService(actor) || (place !== null && holdsRoleCovering(place, roles, actor));
}

/** A partner acts only with the scope named, and only inside the communities of its PARTNER grant. */
export function partnerMay(scope: string, place: Place, actor: Actor = currentActor()): boolean {
  return actor.kind === 'partner' && actor.scopes.includes(scope) && holdsRoleCovering(place, ['PARTNER'], actor);
}

/**
 * A record asked for by id where its existence is itself private (a household, a motion of another community): the
 * record when the policy lets the caller see it, else null — the answer for an id that does not exist, so "not yours"
 * and "not found" look alike (docs/api-conventions.md, "Errors").
 */
export function visibleOrNull<T>(record: T | null | undefined, mayRead: (record: T) => boolean): T | null {
  return record && mayRead(record) ? record : null;
}

/** Goes on when a policy allowed the caller; refuses them otherwise (see refusalFor). */
export function requirePermission(allowed: boolean, actor: Actor = currentActor()): void {
  if (!allowed) throw refusalFor(actor);
}

/** The error that refuses the caller: UNAUTHENTICATED when anonymous (signing in may help), FORBIDDEN otherwise. */
export function refusalFor(actor: Actor = currentActor()): DomainError {
  return actor.kind === 'anonymous' ? new UnauthenticatedError() : new ForbiddenError();
}

/** A partner key must carry the scope; people act through their roles instead. */
export function requireScope(scope: string, actor: Actor = currentActor()): void {
  requireSignedIn(actor);
  if (actor.kind === 'partner' && !actor.scopes.includes(scope))
    throw new ForbiddenError(`This API key lacks the scope ${scope}`);
}

export interface PlaceFields {
  communityId: string;
  compoundId?: string;
  buildingId?: string;
}

const PLACE_FIELDS: PlaceFields = { communityId: 'communityId', compoundId: 'compoundId', buildingId: 'buildingId' };

/**
 * A MongoDB filter for "inside the jurisdiction of any of the caller's grants of `roles`", for lists; null when the
 * caller holds none of those roles (then the list is FORBIDDEN, not empty). Values are strings: callers whose ids
 * are ObjectIds map them with `toId`.
 */
export function jurisdictionFilter(
  roles: readonly Role[],
  actor: Actor = currentActor(),
  fields: PlaceFields = PLACE_FIELDS,
  toId: (id: string) => unknown = (id) => id,
): Record<string, unknown> | null {
  const grants = actor.roles.filter((grant) => roles.includes(grant.role));
  if (grants.length === 0) return null;
  const union: Jurisdiction = { communityIds: [], compoundIds: [], buildingIds: [] };
  for (const { jurisdiction } of grants) {
    union.communityIds.push(...jurisdiction.communityIds);
    union.compoundIds.push(...jurisdiction.compoundIds);
    union.buildingIds.push(...jurisdiction.buildingIds);
  }
  const clauses: Record<string, unknown>[] = [];
  if (union.communityIds.length) clauses.push({ [fields.communityId]: { $in: union.communityIds.map(toId) } });
  if (union.compoundIds.length && fields.compoundId)
    clauses.push({ [fields.compoundId]: { $in: union.compoundIds.map(toId) } });
  if (union.buildingIds.length && fields.buildingId)
    clauses.push({ [fields.buildingId]: { $in: union.buildingIds.map(toId) } });
  // Holding the role over an empty territory sees nothing, rather than everything.
  return clauses.length ? { $or: clauses } : { _id: { $exists: false } };
}
