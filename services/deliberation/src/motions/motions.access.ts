import type { Actor, Place, Role } from '@gongzhi/contracts';
import { currentActor, holdsRoleCovering, isTrustedService, serviceOrRoleCovering } from '@gongzhi/platform';
import { DELIBERATION_READERS } from '../shared/deliberation.access';
import { livesInside, placeOf, type Situated } from '../organization-copy/territory';
import type { Motion } from './motion.schema';

/**
 * Who sees and moves motions. Residents see the motions of the places they live in, raise and co-sign them there;
 * the offices covering a place read its motions; stewards (the community and compound offices, the owners'
 * committee, building group leaders) run their process; the branch committee pre-reviews major matters. Partners
 * whose key carries deliberation:motions:read read the motions of their co-building communities.
 */

/** Who runs a motion's process: open and close the vote, post the notice, answer objections, follow the execution. */
export const STEWARDS: readonly Role[] = [
  'COMMUNITY_SECRETARY',
  'COMPOUND_BRANCH_SECRETARY',
  'OWNERS_COMMITTEE_MEMBER',
  'BUILDING_GROUP_LEADER',
];
/** The branch committee (and, for a community-wide matter, the community party committee): 前置审议. */
const PRE_REVIEWERS: readonly Role[] = ['COMMUNITY_SECRETARY', 'COMPOUND_BRANCH_SECRETARY'];

type MotionRecord = Pick<Motion, 'communityId' | 'compoundId' | 'buildingId' | 'raisedBy'>;

/** Raising a motion about a place: the people living there, and its stewards. */
export function mayRaiseAt(place: Situated, residence: Place | null, actor: Actor = currentActor()): boolean {
  return (
    serviceOrRoleCovering(placeOf(place), STEWARDS, actor) || (actor.kind === 'person' && livesInside(residence, place))
  );
}

/** What residents do as residents of the motion's place — co-sign (联名), object during its notice, rate its outcome. */
export function isResidentOfPlace(motion: Situated, residence: Place | null, actor: Actor = currentActor()): boolean {
  return actor.kind === 'person' && livesInside(residence, motion);
}

export function isRaiser(motion: MotionRecord, actor: Actor = currentActor()): boolean {
  return actor.kind === 'person' && motion.raisedBy.kind === 'person' && motion.raisedBy.id === actor.id;
}

/** Submitting, amending before deliberation, withdrawing: the raiser, or a steward of the place. */
export function mayActForRaiser(motion: MotionRecord, actor: Actor = currentActor()): boolean {
  return isRaiser(motion, actor) || mayStewardMotion(motion, actor);
}

export function mayStewardMotion(motion: Situated, actor: Actor = currentActor()): boolean {
  return serviceOrRoleCovering(placeOf(motion), STEWARDS, actor);
}

export function mayPreReview(motion: Situated, actor: Actor = currentActor()): boolean {
  return serviceOrRoleCovering(placeOf(motion), PRE_REVIEWERS, actor);
}

/** Residents of the place co-sign; people who live there or serve it comment (partners read only). */
export function mayComment(motion: Situated, residence: Place | null, actor: Actor = currentActor()): boolean {
  return (
    isTrustedService(actor) ||
    (actor.kind === 'person' &&
      (livesInside(residence, motion) || holdsRoleCovering(placeOf(motion), DELIBERATION_READERS, actor)))
  );
}

/** Who may shorten a public notice below the minimum, as a recorded override: street staff over the place. */
export function mayShortenNotice(motion: Situated, actor: Actor = currentActor()): boolean {
  return serviceOrRoleCovering(placeOf(motion), ['STREET_STAFF'], actor);
}

/**
 * Who may complete the work with no milestone recorded, or close an evaluation nobody rated, as a recorded override:
 * the community office (or the street) over the place, not the stewards who would be excusing their own step.
 */
export function mayOverrideOutcome(motion: Situated, actor: Actor = currentActor()): boolean {
  return serviceOrRoleCovering(placeOf(motion), ['COMMUNITY_SECRETARY', 'STREET_STAFF'], actor);
}
