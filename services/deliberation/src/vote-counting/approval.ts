import { check, decisiveCheck } from './thresholds';
import type { BallotGroup, OptionTally, ThresholdCheck, VoteResult } from './vote-counting.types';
import { RESIDENTS_TURNOUT, turnout } from './yes-no';

/**
 * Approval voting: each voter approves any number of options; the `seats` most approved win. A blank ballot takes
 * part without approving anything. A tie across the last seat decides nothing (TIE), so does an option nobody approved.
 */
export function countApproval(
  optionIds: readonly string[],
  seats: number,
  rollHeads: number,
  ballots: readonly BallotGroup[],
): VoteResult {
  const approvals = new Map(optionIds.map((id) => [id, 0]));
  let heads = 0;
  for (const { content, heads: voters } of ballots) {
    heads += voters;
    for (const id of new Set(content.approvals ?? [])) {
      if (!approvals.has(id)) throw new Error(`An approval ballot names ${id}, which is not an option`);
      approvals.set(id, approvals.get(id)! + voters);
    }
  }
  // Ties keep the ballot paper's order, so the tallies read as the options were listed.
  const options: OptionTally[] = optionIds
    .map((optionId) => ({ optionId, votes: approvals.get(optionId)! }))
    .sort((a, b) => b.votes - a.votes);
  const lastSeat = options[seats - 1];
  const firstLoser = options[seats];
  const clear =
    lastSeat !== undefined && lastSeat.votes > 0 && (firstLoser === undefined || lastSeat.votes > firstLoser.votes);
  const mostApprovals: ThresholdCheck = {
    rule: 'MOST_APPROVALS',
    required: null,
    part: lastSeat?.votes ?? 0,
    whole: heads,
    met: clear,
  };
  const checks = [check('TURNOUT', heads, rollHeads, RESIDENTS_TURNOUT), mostApprovals];
  const outcome = !checks[0].met ? 'NO_QUORUM' : clear ? 'PASSED' : lastSeat && lastSeat.votes > 0 ? 'TIE' : 'REJECTED';
  return {
    method: 'APPROVAL',
    outcome,
    turnout: turnout({ heads, area: 0 }, { heads: rollHeads, area: 0 }),
    checks,
    decidedBy: decisiveCheck(checks),
    options,
    winners: outcome === 'PASSED' ? options.slice(0, seats).map((o) => o.optionId) : [],
  };
}
