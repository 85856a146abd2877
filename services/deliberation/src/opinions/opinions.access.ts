import type { Actor, Place } from '@gongzhi/contracts';
import {
  currentActor,
  holdsRoleCovering,
  isTrustedService,
  jurisdictionFilter,
  serviceOrRoleCovering,
} from '@gongzhi/platform';
import { DELIBERATION_READERS } from '../shared/deliberation.access';
import { livesInside, placeOf, residentIdOf, type Situated } from '../organization-copy/territory';
import type { Opinion } from './opinion.schema';

/**
 * Opinions are collected, not posted: the staff covering the place read, tag and answer them (grid workers and the
 * vanguard teams collect most of them on visits), a resident sees their own, and stewards take them up as motions.
 */
export function mayRecordOpinionAt(place: Situated, residence: Place | null, actor: Actor = currentActor()): boolean {
  return (
    serviceOrRoleCovering(placeOf(place), DELIBERATION_READERS, actor) ||
    (actor.kind === 'person' && livesInside(residence, place))
  );
}

export function mayHandleOpinion(opinion: Situated, actor: Actor = currentActor()): boolean {
  return serviceOrRoleCovering(placeOf(opinion), DELIBERATION_READERS, actor);
}

export function mayReadOpinion(
  opinion: Pick<Opinion, 'communityId' | 'compoundId' | 'buildingId' | 'residentId'>,
  actor: Actor = currentActor(),
): boolean {
  const own = opinion.residentId !== null && opinion.residentId === residentIdOf(actor);
  return isTrustedService(actor) || holdsRoleCovering(placeOf(opinion), DELIBERATION_READERS, actor) || own;
}

/** The opinions the caller may list: those of the places they cover, and their own; null: none (FORBIDDEN). */
export function opinionListFilter(actor: Actor = currentActor()): Record<string, unknown> | null {
  if (isTrustedService(actor)) return {};
  const residentId = residentIdOf(actor);
  const clauses = [jurisdictionFilter(DELIBERATION_READERS, actor), residentId && { residentId }].filter(
    (c): c is Record<string, unknown> => Boolean(c),
  );
  if (clauses.length === 0) return null;
  return clauses.length === 1 ? clauses[0] : { $or: clauses };
}
