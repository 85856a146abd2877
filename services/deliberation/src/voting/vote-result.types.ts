import { Field, Float, ID, Int, ObjectType, registerEnumType } from '@nestjs/graphql';
import { describeRatio, toSquareMetres } from '../vote-counting/ratio';
import type * as Engine from '../vote-counting/vote-counting.types';
import type { VoteOption } from './vote.schema';

/** How the API shows a counted vote: areas in m², ratios as ≥ 2/3, options by label. */

export enum VoteOutcomeView {
  PASSED = 'PASSED',
  REJECTED = 'REJECTED',
  NO_QUORUM = 'NO_QUORUM',
  TIE = 'TIE',
}
registerEnumType(VoteOutcomeView, {
  name: 'VoteOutcome',
  description: 'PASSED; REJECTED (too few agreed); NO_QUORUM (too few took part); TIE (nothing decided).',
  valuesMap: {
    PASSED: { description: 'Every threshold was met: the motion passed.' },
    REJECTED: { description: 'Enough took part, too few agreed.' },
    NO_QUORUM: { description: 'Too few took part.' },
    TIE: { description: 'Nothing was decided (a tie for the last seat or in the last round).' },
  },
});

export enum ThresholdRuleView {
  PARTICIPATION_BY_AREA = 'PARTICIPATION_BY_AREA',
  PARTICIPATION_BY_HEAD = 'PARTICIPATION_BY_HEAD',
  AGREEMENT_BY_AREA = 'AGREEMENT_BY_AREA',
  AGREEMENT_BY_HEAD = 'AGREEMENT_BY_HEAD',
  TURNOUT = 'TURNOUT',
  AGREEMENT = 'AGREEMENT',
  MOST_APPROVALS = 'MOST_APPROVALS',
  MAJORITY_OF_CONTINUING_BALLOTS = 'MAJORITY_OF_CONTINUING_BALLOTS',
}
registerEnumType(ThresholdRuleView, {
  name: 'ThresholdRule',
  description: 'A threshold a vote was measured against.',
  valuesMap: {
    PARTICIPATION_BY_AREA: {
      description: "Owners' joint decision: the area (m²) that took part, out of the roll's area (at least 2/3).",
    },
    PARTICIPATION_BY_HEAD: {
      description: "Owners' joint decision: the owners who took part, out of the roll's owners (at least 2/3).",
    },
    AGREEMENT_BY_AREA: { description: "Owners' joint decision: the area (m²) FOR, out of the area that took part." },
    AGREEMENT_BY_HEAD: { description: "Owners' joint decision: the owners FOR, out of the owners who took part." },
    TURNOUT: { description: "Residents' vote: the voters who took part, out of the roll (more than 1/2)." },
    AGREEMENT: { description: "Residents' yes/no vote: the ballots FOR, out of the ballots cast." },
    MOST_APPROVALS: {
      description: 'Approval vote: the last seat’s approvals clearly above the first option left out; no fixed ratio.',
    },
    MAJORITY_OF_CONTINUING_BALLOTS: {
      description: 'Ranked choice: the leader’s votes, out of the ballots still in play (more than 1/2).',
    },
  },
});

@ObjectType({ description: 'Who took part in a vote, by head and by area, out of the roll.' })
export class Turnout {
  @Field(() => Int, { description: 'Voters who took part.' })
  heads!: number;

  @Field(() => Int, { description: 'Voters on the roll.' })
  rollHeads!: number;

  @Field(() => Float, { description: 'Floor area that took part, m² (owners’ votes).' })
  area!: number;

  @Field(() => Float, { description: 'Floor area on the roll, m².' })
  rollArea!: number;
}

@ObjectType({ description: 'A threshold and what the count measured against it: part out of whole.' })
export class ThresholdCheck {
  @Field(() => ThresholdRuleView, { description: 'The threshold checked.' })
  rule!: ThresholdRuleView;

  @Field(() => String, { nullable: true, description: 'e.g. ≥ 2/3 or > 1/2; none for the most approvals.' })
  required!: string | null;

  @Field(() => Float, { description: 'm² for the rules by area, heads or ballots otherwise.' })
  part!: number;

  @Field(() => Float, { description: 'What the part is measured against: the roll, or the ballots that took part.' })
  whole!: number;

  @Field({ description: 'Whether the part reached the threshold.' })
  met!: boolean;
}

@ObjectType({ description: 'A count by head and by floor area.' })
export class Weight {
  @Field(() => Int, { description: 'Voters.' })
  heads!: number;

  @Field(() => Float, { description: 'm².' })
  area!: number;
}

@ObjectType({ description: 'FOR, AGAINST and ABSTAIN by head and by area.' })
export class YesNoTally {
  @Field(() => Weight, { description: 'Who voted FOR.' })
  for!: Weight;

  @Field(() => Weight, { description: 'Who voted AGAINST.' })
  against!: Weight;

  @Field(() => Weight, { description: 'Who abstained (they took part).' })
  abstain!: Weight;
}

@ObjectType({ description: 'The votes an option of the ballot paper received.' })
export class OptionTally {
  @Field(() => ID, { description: 'The option (VoteOption.id).' })
  optionId!: string;

  @Field({ description: 'The option as the ballot paper shows it.' })
  label!: string;

  @Field(() => Int, { description: 'Approvals, or first preferences in a round.' })
  votes!: number;
}

@ObjectType({ description: 'A round of an instant runoff.' })
export class RankedChoiceRound {
  @Field(() => Int, { description: 'The first round is 1.' })
  round!: number;

  @Field(() => [OptionTally], { description: 'The votes of each option still in the race.' })
  tallies!: OptionTally[];

  @Field(() => Int, { description: 'Ballots none of whose ranked options is still in the race.' })
  exhausted!: number;

  @Field(() => [String], { description: 'Labels of the options eliminated after this round.' })
  eliminated!: string[];
}

@ObjectType('VoteResult', {
  description: 'What a closed vote decided, with turnout by area and by head and the threshold that decided.',
})
export class VoteResultView {
  @Field(() => VoteOutcomeView, { description: 'What the vote decided.' })
  outcome!: VoteOutcomeView;

  @Field(() => Turnout, { description: 'Who took part.' })
  turnout!: Turnout;

  @Field(() => [ThresholdCheck], {
    description: 'Every threshold applied, in the order the law or rule states them.',
  })
  thresholds!: ThresholdCheck[];

  @Field(() => ThresholdCheck, {
    description: 'The first threshold missed, or, when all were met, the one met by the narrowest margin.',
  })
  decidedBy!: ThresholdCheck;

  @Field(() => YesNoTally, { nullable: true, description: 'FOR, AGAINST and ABSTAIN: the yes-or-no methods.' })
  yesNo!: YesNoTally | null;

  @Field(() => [OptionTally], {
    nullable: true,
    description: 'Approvals per option, or the last round of a ranked choice.',
  })
  options!: OptionTally[] | null;

  @Field(() => [RankedChoiceRound], { nullable: true, description: 'RANKED_CHOICE: every round of the runoff.' })
  rounds!: RankedChoiceRound[] | null;

  @Field(() => [String], { description: 'Labels of the options chosen.' })
  winners!: string[];
}

const BY_AREA = new Set(['PARTICIPATION_BY_AREA', 'AGREEMENT_BY_AREA']);

/** The engine's result as the API shows it. */
export function presentResult(result: Engine.VoteResult, options: readonly VoteOption[]): VoteResultView {
  const label = (id: string) => options.find((option) => option.id === id)?.label ?? id;
  const weight = ({ heads, area }: Engine.Weight): Weight => ({ heads, area: toSquareMetres(area) });
  const threshold = (check: Engine.ThresholdCheck): ThresholdCheck => {
    const scale = BY_AREA.has(check.rule) ? toSquareMetres : (n: number) => n;
    return {
      rule: check.rule as ThresholdRuleView,
      required: check.required && describeRatio(check.required),
      part: scale(check.part),
      whole: scale(check.whole),
      met: check.met,
    };
  };
  const tallies = (list: Engine.OptionTally[]): OptionTally[] =>
    list.map((t) => ({ optionId: t.optionId, label: label(t.optionId), votes: t.votes }));
  return {
    outcome: result.outcome as VoteOutcomeView,
    turnout: {
      ...result.turnout,
      area: toSquareMetres(result.turnout.area),
      rollArea: toSquareMetres(result.turnout.rollArea),
    },
    thresholds: result.checks.map(threshold),
    decidedBy: threshold(result.decidedBy),
    yesNo: result.yesNo
      ? { for: weight(result.yesNo.FOR), against: weight(result.yesNo.AGAINST), abstain: weight(result.yesNo.ABSTAIN) }
      : null,
    options: result.options ? tallies(result.options) : null,
    rounds:
      result.rounds?.map((round) => ({
        ...round,
        tallies: tallies(round.tallies),
        eliminated: round.eliminated.map(label),
      })) ?? null,
    winners: result.winners.map(label),
  };
}
