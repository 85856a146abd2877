import type { Actor, Place, Role } from '@gongzhi/contracts';
import { currentActor, holdsRole, holdsRoleCovering, isTrustedService } from '@gongzhi/platform';
import { livesInside, placeOf, type Situated } from '../organization-copy/territory';

/**
 * Who takes ballots on paper, at the door and by proxy for voters in the buildings they cover (grid workers and
 * building group leaders go door to door), and who may look at a vote's roll and its ballot records. Opening and
 * closing the vote are a steward's (motions.access.ts); casting online is the voter's own, by the roll.
 */
const BALLOT_RECORDERS: readonly Role[] = [
  'COMMUNITY_SECRETARY',
  'COMPOUND_BRANCH_SECRETARY',
  'OWNERS_COMMITTEE_MEMBER',
  'BUILDING_GROUP_LEADER',
  'GRID_WORKER',
];
const ROLL_READERS: readonly Role[] = [...BALLOT_RECORDERS, 'STREET_STAFF'];

interface VoterPlaces {
  compoundIds: string[];
  buildingIds: string[];
}

function coversAnyOf(vote: Situated, voter: VoterPlaces, roles: readonly Role[], actor: Actor): boolean {
  return voter.buildingIds.some((buildingId) =>
    voter.compoundIds.some((compoundId) =>
      holdsRoleCovering({ communityId: vote.communityId, compoundId, buildingId }, roles, actor),
    ),
  );
}

/** Whether the caller takes ballots anywhere: checked before anything about the motion, its vote or its roll is read. */
export function mayRecordBallots(actor: Actor = currentActor()): boolean {
  return isTrustedService(actor) || holdsRole(BALLOT_RECORDERS, actor);
}

/** The compounds and buildings the caller takes ballots in by name, to resolve against the territory copy. */
export function ballotPlaceIdsOf(actor: Actor = currentActor()): string[] {
  return actor.roles
    .filter((grant) => BALLOT_RECORDERS.includes(grant.role))
    .flatMap(({ jurisdiction }) => [...jurisdiction.compoundIds, ...jurisdiction.buildingIds]);
}

/**
 * Whether the caller takes ballots anywhere in the motion's place: a grant covering it, or one over a compound or
 * building inside it (`ballotPlaces`, those of ballotPlaceIdsOf resolved). Whoever does not learns nothing of the
 * motion: to them it answers as one that does not exist.
 */
export function mayRecordBallotsIn(
  place: Situated,
  ballotPlaces: readonly Place[],
  actor: Actor = currentActor(),
): boolean {
  return (
    isTrustedService(actor) ||
    holdsRoleCovering(placeOf(place), BALLOT_RECORDERS, actor) ||
    ballotPlaces.some((inner) => livesInside(inner, place))
  );
}

export function mayRecordBallotFor(vote: Situated, voter: VoterPlaces, actor: Actor = currentActor()): boolean {
  return isTrustedService(actor) || coversAnyOf(vote, voter, BALLOT_RECORDERS, actor);
}

/** The roll and the ballot records of a vote, or of one compound or building of it. */
export function mayInspectRoll(vote: Situated, part: Situated | null = null, actor: Actor = currentActor()): boolean {
  const place = {
    communityId: vote.communityId,
    compoundId: part?.compoundId ?? vote.compoundId ?? null,
    buildingId: part?.buildingId ?? vote.buildingId ?? null,
  };
  return isTrustedService(actor) || holdsRoleCovering(place, ROLL_READERS, actor);
}
