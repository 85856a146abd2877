import type { Actor, ApiKeyScope, Place, Role } from '@gongzhi/contracts';
import {
  childConnection,
  currentActor,
  holdsRoleCovering,
  isTrustedService,
  jurisdictionFilter,
  paginate,
  partnerMay,
  refusalFor,
  type ConnectionArgs,
  type PaginateOptions,
  type RequestLoaders,
} from '@gongzhi/platform';
import type { Model, QueryFilter } from 'mongoose';
import { containing, livesInside, placeOf, type Situated } from '../organization-copy/territory';

/**
 * Who may read what is deliberated in a place — its motions, councils, meetings and notices: the people living
 * there, the staff covering it, and partners whose key carries deliberation:motions:read in their co-building
 * communities.
 */

/** Staff who read everything deliberated in the places they cover. */
export const DELIBERATION_READERS: readonly Role[] = [
  'STREET_STAFF',
  'COMMUNITY_SECRETARY',
  'COMPOUND_BRANCH_SECRETARY',
  'BUILDING_GROUP_LEADER',
  'GRID_WORKER',
  'OWNERS_COMMITTEE_MEMBER',
];

const MOTIONS_READ: ApiKeyScope = 'deliberation:motions:read';

/** Anyone who may read what is deliberated in a place: the motions, councils, meetings and notices there. */
export function mayReadDeliberationIn(
  place: Situated,
  residence: Place | null,
  actor: Actor = currentActor(),
): boolean {
  const where = placeOf(place);
  return (
    isTrustedService(actor) ||
    holdsRoleCovering(where, DELIBERATION_READERS, actor) ||
    livesInside(residence, place) ||
    partnerMay(MOTIONS_READ, where, actor)
  );
}

/**
 * A filter for the motions, councils or meetings the caller may list: those of the places their roles cover, the
 * places they live in, their partner communities; everything for a service. null: nowhere (FORBIDDEN).
 */
export function deliberationListFilter(
  residence: Place | null,
  actor: Actor = currentActor(),
): Record<string, unknown> | null {
  if (isTrustedService(actor)) return {};
  const clauses = [
    jurisdictionFilter(DELIBERATION_READERS, actor),
    actor.kind === 'partner' && actor.scopes.includes(MOTIONS_READ) ? jurisdictionFilter(['PARTNER'], actor) : null,
    residence && containing(residence),
  ].filter((clause): clause is Record<string, unknown> => Boolean(clause));
  if (clauses.length === 0) return null;
  return clauses.length === 1 ? clauses[0] : { $or: clauses };
}

/** A page of `model` matching `filter` among what the caller may list; FORBIDDEN when they may list nothing. */
export function paginateVisible<T>(
  model: Model<T>,
  residence: Place | null,
  filter: QueryFilter<T>,
  page: ConnectionArgs,
  options: PaginateOptions = {},
) {
  const reach = deliberationListFilter(residence);
  if (!reach) throw refusalFor();
  return paginate(model, { $and: [reach, filter] }, page, options);
}

/**
 * The page of `model` under one place or convening unit (`parentField` names which, a string id as deliberation keeps
 * them) matching `filter`, among what the caller may list; FORBIDDEN when they may list nothing. One aggregate serves
 * the first page of every parent asked about in a request (a list of 100 lamps, each with its compound's motions),
 * and one more their counts: never a query per parent.
 */
export function childrenVisible<T>(
  loaders: RequestLoaders,
  model: Model<T>,
  residence: Place | null,
  parentField: string,
  parentId: string,
  filter: QueryFilter<T>,
  page: ConnectionArgs,
  options: PaginateOptions = {},
) {
  const reach = deliberationListFilter(residence);
  if (!reach) throw refusalFor();
  return childConnection(loaders, model, parentField, parentId, page, {
    ...options,
    filter: { $and: [reach, filter] },
    stringIds: true,
  });
}
