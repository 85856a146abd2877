import type { OwnersMatter, VotingMethod } from '@gongzhi/contracts';
import type { Ratio } from './ratio';

/**
 * The words of counting, shared by every method. The engine is pure: it gets the frozen roll's totals and the
 * ballots (grouped by identical content, as the ballot box keeps them) and says what the vote decided and why. The
 * methods and the art. 278 matters are the event contracts' (OWNERS_MATTERS, VOTING_METHODS).
 */

export type { OwnersMatter, VotingMethod };

export const YES_NO_CHOICES = ['FOR', 'AGAINST', 'ABSTAIN'] as const;
export type YesNoChoice = (typeof YES_NO_CHOICES)[number];

/** What one ballot says; which part is filled depends on the method. */
export interface BallotContent {
  choice?: YesNoChoice;
  /** APPROVAL: the options approved (none is a blank ballot, which still counts as taking part). */
  approvals?: string[];
  /** RANKED_CHOICE: options from most to least preferred; unranked options are never reached. */
  ranking?: string[];
}

/** Heads and floor area, the two things art. 278 counts; area in hundredths of a square metre. */
export interface Weight {
  heads: number;
  area: number;
}

/** Identical ballots together: how many voters (heads) cast it and the floor area they hold. */
export interface BallotGroup extends Weight {
  content: BallotContent;
}

export type VoteOutcome =
  /** Every threshold met. */
  | 'PASSED'
  /** Enough took part, but not enough agreed. */
  | 'REJECTED'
  /** Too few took part for the vote to decide anything. */
  | 'NO_QUORUM'
  /** No option can be told apart from another: nothing is decided. */
  | 'TIE';

export type ThresholdRule =
  | 'PARTICIPATION_BY_AREA'
  | 'PARTICIPATION_BY_HEAD'
  | 'AGREEMENT_BY_AREA'
  | 'AGREEMENT_BY_HEAD'
  | 'TURNOUT'
  | 'AGREEMENT'
  | 'MOST_APPROVALS'
  | 'MAJORITY_OF_CONTINUING_BALLOTS';

/** One threshold and how the count measured against it: `part` out of `whole`. */
export interface ThresholdCheck {
  rule: ThresholdRule;
  /** null for a plurality (the most approvals), which has no fixed share. */
  required: Ratio | null;
  part: number;
  whole: number;
  met: boolean;
}

export interface Turnout {
  heads: number;
  area: number;
  rollHeads: number;
  rollArea: number;
}

export interface OptionTally {
  optionId: string;
  votes: number;
}

export interface RankedChoiceRound {
  /** 1 for the first preferences. */
  round: number;
  tallies: OptionTally[];
  /** Ballots whose ranked options have all been eliminated. */
  exhausted: number;
  /** Who left after this round (several at once when they tie at the bottom). */
  eliminated: string[];
}

export interface VoteResult {
  method: VotingMethod;
  outcome: VoteOutcome;
  turnout: Turnout;
  /** Every threshold the method applies, in the order the law or the rules state them. */
  checks: ThresholdCheck[];
  /**
   * The threshold that decided: the first one missed, or — when all were met — the one met by the narrowest margin.
   */
  decidedBy: ThresholdCheck;
  /** Yes/no methods: heads and area FOR, AGAINST and ABSTAIN. */
  yesNo?: Record<YesNoChoice, Weight>;
  /** APPROVAL: approvals per option; RANKED_CHOICE: the last round's tallies. */
  options?: OptionTally[];
  rounds?: RankedChoiceRound[];
  /** The options chosen (APPROVAL, RANKED_CHOICE); empty for yes/no methods and undecided votes. */
  winners: string[];
}
