import { countApproval } from './approval';
import { countRankedChoice } from './ranked-choice';
import type { BallotGroup, OwnersMatter, VoteResult, VotingMethod, Weight } from './vote-counting.types';
import { decideByShareOfBallots, decideOwnersJointDecision } from './yes-no';

/** What a vote was opened with: its method and what that method needs. */
export interface VoteSpec {
  method: VotingMethod;
  /** OWNERS_JOINT_DECISION: the art. 278 matter, which sets the agreement threshold. */
  ownersMatter?: OwnersMatter | null;
  /** APPROVAL and RANKED_CHOICE: the options in ballot-paper order. */
  optionIds?: readonly string[];
  /** APPROVAL: how many options win. */
  seats?: number;
}

/** Counts a closed vote: the frozen roll's totals and the ballot box's groups in, the decision and its reasons out. */
export function countVotes(spec: VoteSpec, roll: Weight, ballots: readonly BallotGroup[]): VoteResult {
  switch (spec.method) {
    case 'OWNERS_JOINT_DECISION':
      if (!spec.ownersMatter) throw new Error('An owners’ joint decision needs its art. 278 matter');
      return decideOwnersJointDecision(spec.ownersMatter, roll, ballots);
    case 'SIMPLE_MAJORITY':
    case 'TWO_THIRDS':
      return decideByShareOfBallots(spec.method, roll.heads, ballots);
    case 'APPROVAL':
      return countApproval(spec.optionIds ?? [], spec.seats ?? 1, roll.heads, ballots);
    case 'RANKED_CHOICE':
      return countRankedChoice(spec.optionIds ?? [], roll.heads, ballots);
  }
}
