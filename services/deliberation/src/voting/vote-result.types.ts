import { Field, Float, ID, Int, ObjectType, registerEnumType } from '@nestjs/graphql';
import { describeRatio, toSquareMetres } from '../vote-counting/ratio';
import type { OptionTally, ThresholdCheck, VoteResult, Weight } from '../vote-counting/vote-counting.types';
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
registerEnumType(ThresholdRuleView, { name: 'ThresholdRule', description: 'A threshold a vote was measured against.' });

@ObjectType()
export class Turnout {
  @Field(() => Int)
  heads!: number;

  @Field(() => Int)
  rollHeads!: number;

  @Field(() => Float, { description: 'Floor area that took part, m² (owners’ votes).' })
  area!: number;

  @Field(() => Float, { description: 'Floor area on the roll, m².' })
  rollArea!: number;
}

@ObjectType({ description: 'A threshold and what the count measured against it: part out of whole.' })
export class ThresholdCheckView {
  @Field(() => ThresholdRuleView)
  rule!: ThresholdRuleView;

  @Field(() => String, { nullable: true, description: 'e.g. ≥ 2/3 or > 1/2; none for the most approvals.' })
  required!: string | null;

  @Field(() => Float, { description: 'm² for the rules by area, heads or ballots otherwise.' })
  part!: number;

  @Field(() => Float)
  whole!: number;

  @Field()
  met!: boolean;
}

@ObjectType()
export class WeightView {
  @Field(() => Int)
  heads!: number;

  @Field(() => Float, { description: 'm².' })
  area!: number;
}

@ObjectType({ description: 'FOR, AGAINST and ABSTAIN by head and by area.' })
export class YesNoTally {
  @Field(() => WeightView)
  for!: WeightView;

  @Field(() => WeightView)
  against!: WeightView;

  @Field(() => WeightView)
  abstain!: WeightView;
}

@ObjectType()
export class OptionTallyView {
  @Field(() => ID)
  optionId!: string;

  @Field()
  label!: string;

  @Field(() => Int)
  votes!: number;
}

@ObjectType({ description: 'A round of an instant runoff.' })
export class RankedChoiceRoundView {
  @Field(() => Int)
  round!: number;

  @Field(() => [OptionTallyView])
  tallies!: OptionTallyView[];

  @Field(() => Int, { description: 'Ballots none of whose ranked options is still in the race.' })
  exhausted!: number;

  @Field(() => [String], { description: 'Labels of the options eliminated after this round.' })
  eliminated!: string[];
}

@ObjectType('VoteResult', {
  description: 'What a closed vote decided, with turnout by area and by head and the threshold that decided.',
})
export class VoteResultView {
  @Field(() => VoteOutcomeView)
  outcome!: VoteOutcomeView;

  @Field(() => Turnout)
  turnout!: Turnout;

  @Field(() => [ThresholdCheckView], {
    description: 'Every threshold applied, in the order the law or rule states them.',
  })
  thresholds!: ThresholdCheckView[];

  @Field(() => ThresholdCheckView, {
    description: 'The first threshold missed, or, when all were met, the one met by the narrowest margin.',
  })
  decidedBy!: ThresholdCheckView;

  @Field(() => YesNoTally, { nullable: true })
  yesNo!: YesNoTally | null;

  @Field(() => [OptionTallyView], {
    nullable: true,
    description: 'Approvals per option, or the last round of a ranked choice.',
  })
  options!: OptionTallyView[] | null;

  @Field(() => [RankedChoiceRoundView], { nullable: true })
  rounds!: RankedChoiceRoundView[] | null;

  @Field(() => [String], { description: 'Labels of the options chosen.' })
  winners!: string[];
}

const BY_AREA = new Set(['PARTICIPATION_BY_AREA', 'AGREEMENT_BY_AREA']);

/** The engine's result as the API shows it. */
export function presentResult(result: VoteResult, options: readonly VoteOption[]): VoteResultView {
  const label = (id: string) => options.find((option) => option.id === id)?.label ?? id;
  const weight = ({ heads, area }: Weight): WeightView => ({ heads, area: toSquareMetres(area) });
  const threshold = (check: ThresholdCheck): ThresholdCheckView => {
    const scale = BY_AREA.has(check.rule) ? toSquareMetres : (n: number) => n;
    return {
      rule: check.rule as ThresholdRuleView,
      required: check.required && describeRatio(check.required),
      part: scale(check.part),
      whole: scale(check.whole),
      met: check.met,
    };
  };
  const tallies = (list: OptionTally[]) =>
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
