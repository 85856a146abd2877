import type { Actor, ApiKeyScope, Role } from '@gongzhi/contracts';
import { currentActor, partnerMay, serviceOrRoleCovering } from '@gongzhi/platform';
import { HOUSEHOLD_READERS } from '../territory/territory.access';
import { CoBuildingProjectAction } from './co-building-project.steps';

/**
 * The three lists (三份清单) and co-building projects. Who keeps them: the community office and the street above it.
 * Who reads them: the 权责清单 is public (公开); needs, resources and projects are for the community's own people —
 * staff whose jurisdiction lies in it, residents living in it, and partner units with an agreement in force with it.
 * A partner unit shows its resources itself (亮资源) with a key carrying `organization:resources:write`, only in
 * communities where its agreement is in force; staff may record one on its behalf. The partner responsible for a
 * co-building project starts and completes it itself with a key carrying `organization:projects:write`, there too.
 */

/** Listing items, drafting matches, setting up projects and moving them on. */
export const LIST_KEEPERS: readonly Role[] = ['COMMUNITY_SECRETARY', 'STREET_STAFF'];

/**
 * People whose role's jurisdiction in a community lets them read its needs, resources and projects: the roles that
 * look after its places, as for households.
 */
export const LIST_READERS: readonly Role[] = HOUSEHOLD_READERS;

export const RESOURCES_WRITE: ApiKeyScope = 'organization:resources:write';
export const PROJECTS_WRITE: ApiKeyScope = 'organization:projects:write';

/** The steps of a project its partner takes itself: the work beginning and its end. */
const PARTNER_PROJECT_STEPS: readonly CoBuildingProjectAction[] = [
  CoBuildingProjectAction.START,
  CoBuildingProjectAction.COMPLETE,
];

export function mayKeepListsOf(communityId: string, actor: Actor = currentActor()): boolean {
  return serviceOrRoleCovering({ communityId }, LIST_KEEPERS, actor);
}

/**
 * A step of a co-building project: the list keepers take every one; the partner unit responsible for it starts and
 * completes it, with `organization:projects:write`, while its agreement with the community is in force. Approval and
 * cancellation stay the community's.
 */
export function mayTakeProjectStep(
  project: { communityId: unknown; partnerUnitId: unknown },
  action: CoBuildingProjectAction,
  actor: Actor = currentActor(),
): boolean {
  const communityId = String(project.communityId);
  return (
    mayKeepListsOf(communityId, actor) ||
    (PARTNER_PROJECT_STEPS.includes(action) &&
      actor.kind === 'partner' &&
      actor.partnerUnitId === String(project.partnerUnitId) &&
      partnerMay(PROJECTS_WRITE, { communityId }, actor))
  );
}

/** A partner's key offering a resource in a community of its agreements in force. */
export function partnerMayOfferIn(communityId: string, actor: Actor = currentActor()): boolean {
  return partnerMay(RESOURCES_WRITE, { communityId }, actor);
}

/** Communities whose needs, resources and projects the caller reads: every one, or those listed. */
export type ReadableCommunities = 'ALL' | Set<string>;

export function mayReadListsOf(communityId: string, readable: ReadableCommunities): boolean {
  return readable === 'ALL' || readable.has(communityId);
}
