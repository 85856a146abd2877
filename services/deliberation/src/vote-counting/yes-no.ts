import { atLeast, moreThan, type Ratio } from './ratio';
import { check, decisiveCheck } from './thresholds';
import type { BallotGroup, OwnersMatter, Turnout, VoteResult, Weight, YesNoChoice } from './vote-counting.types';

/** Civil Code art. 278: owners holding at least two thirds of the floor area and two thirds of the owners take part. */
export const OWNERS_PARTICIPATION = atLeast(2, 3);

/** Matters (6)–(8) — raising the maintenance fund, rebuilding, changing the use of common parts — need three quarters. */
const SUPERMAJORITY_MATTERS: readonly OwnersMatter[] = [
  'RAISE_MAINTENANCE_FUND',
  'REBUILD_BUILDINGS_OR_FACILITIES',
  'CHANGE_USE_OF_COMMON_PARTS',
];

/** What share of the participating area and owners must agree on `matter`. */
export function ownersAgreementFor(matter: OwnersMatter): Ratio {
  return SUPERMAJORITY_MATTERS.includes(matter) ? atLeast(3, 4) : moreThan(1, 2);
}

/**
 * Residents' votes follow the rule of the residents' meeting (城市居民委员会组织法): more than half of those on the
 * roll must take part for the vote to decide anything.
 */
export const RESIDENTS_TURNOUT = moreThan(1, 2);

export const SIMPLE_MAJORITY = moreThan(1, 2);
export const TWO_THIRDS = atLeast(2, 3);

const none = (): Weight => ({ heads: 0, area: 0 });

/** FOR, AGAINST and ABSTAIN with heads and area; ballots without a choice are not yes/no ballots and are refused. */
export function sumYesNo(ballots: readonly BallotGroup[]): Record<YesNoChoice, Weight> {
  const sums: Record<YesNoChoice, Weight> = { FOR: none(), AGAINST: none(), ABSTAIN: none() };
  for (const { content, heads, area } of ballots) {
    if (!content.choice) throw new Error('A yes/no vote was given a ballot without a choice');
    sums[content.choice].heads += heads;
    sums[content.choice].area += area;
  }
  return sums;
}

function tookPart(sums: Record<YesNoChoice, Weight>): Weight {
  return {
    heads: sums.FOR.heads + sums.AGAINST.heads + sums.ABSTAIN.heads,
    area: sums.FOR.area + sums.AGAINST.area + sums.ABSTAIN.area,
  };
}

/**
 * An owners' joint decision (art. 278). Taking part means casting a ballot, abstentions included, so an abstention
 * helps reach participation and weighs like AGAINST in agreement. Heads and area come from the roll: an owner of
 * several units is one head holding all their area.
 */
export function decideOwnersJointDecision(
  matter: OwnersMatter,
  roll: Weight,
  ballots: readonly BallotGroup[],
): VoteResult {
  const yesNo = sumYesNo(ballots);
  const took = tookPart(yesNo);
  const agreement = ownersAgreementFor(matter);
  const checks = [
    check('PARTICIPATION_BY_AREA', took.area, roll.area, OWNERS_PARTICIPATION),
    check('PARTICIPATION_BY_HEAD', took.heads, roll.heads, OWNERS_PARTICIPATION),
    check('AGREEMENT_BY_AREA', yesNo.FOR.area, took.area, agreement),
    check('AGREEMENT_BY_HEAD', yesNo.FOR.heads, took.heads, agreement),
  ];
  const participated = checks[0].met && checks[1].met;
  const outcome = !participated ? 'NO_QUORUM' : checks[2].met && checks[3].met ? 'PASSED' : 'REJECTED';
  return {
    method: 'OWNERS_JOINT_DECISION',
    outcome,
    turnout: turnout(took, roll),
    checks,
    decidedBy: decisiveCheck(checks),
    yesNo,
    winners: [],
  };
}

/** A residents' yes/no vote: enough of the roll took part, then `required` of the ballots cast (abstentions count) are FOR. */
export function decideByShareOfBallots(
  method: 'SIMPLE_MAJORITY' | 'TWO_THIRDS',
  rollHeads: number,
  ballots: readonly BallotGroup[],
): VoteResult {
  const yesNo = sumYesNo(ballots);
  const took = tookPart(yesNo);
  const checks = [
    check('TURNOUT', took.heads, rollHeads, RESIDENTS_TURNOUT),
    check('AGREEMENT', yesNo.FOR.heads, took.heads, method === 'TWO_THIRDS' ? TWO_THIRDS : SIMPLE_MAJORITY),
  ];
  const outcome = !checks[0].met ? 'NO_QUORUM' : checks[1].met ? 'PASSED' : 'REJECTED';
  return {
    method,
    outcome,
    turnout: turnout(took, { heads: rollHeads, area: 0 }),
    checks,
    decidedBy: decisiveCheck(checks),
    yesNo,
    winners: [],
  };
}

export function turnout(took: Weight, roll: Weight): Turnout {
  return { heads: took.heads, area: took.area, rollHeads: roll.heads, rollArea: roll.area };
}
