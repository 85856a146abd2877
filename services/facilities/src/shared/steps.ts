import { Connection, type ConnectionShape } from '@gongzhi/platform';
import type { Type } from '@nestjs/common';
import { Field, ObjectType } from '@nestjs/graphql';

/**
 * A state machine's history and next steps, one shape for every entity of this subgraph that has a status
 * (docs/api-conventions.md, "State machines"): `history(first, after): XStepConnection!` of `XStep
 * { status: XStatus!, at: DateTime!, note: String }`, oldest first, and `nextSteps: [XAction!]!`.
 */

/** One status change of an entity, as `XStep` shows it. */
export interface Step<S extends string> {
  status: S;
  at: Date;
  note: string | null;
}

/**
 * The `XStep` object type and its `XStepConnection` for an entity named `owner` whose status enum (registered for
 * GraphQL as `XStatus`) is `statusEnum`.
 */
export function StepTypes(
  owner: string,
  statusEnum: object,
  what: string,
): { Step: Type<Step<string>>; StepConnection: Type<ConnectionShape<Step<string>>> } {
  @ObjectType(`${owner}Step`, { description: `A status change of ${what}, oldest first in its history.` })
  class StepType implements Step<string> {
    @Field(() => statusEnum, { description: 'The status it moved to.' })
    status!: string;

    @Field({ description: 'When.' })
    at!: Date;

    @Field(() => String, { nullable: true, description: 'Why, where the step records a reason.' })
    note!: string | null;
  }

  @ObjectType(`${owner}StepConnection`, { description: `A page of the status changes of ${what}, oldest first.` })
  class StepConnection extends Connection(StepType, `${owner}Step`) {}

  return { Step: StepType, StepConnection };
}

/**
 * The steps a state machine allows from a status: `from[action]` lists the statuses the action may be taken in.
 * The services refuse what it does not list with `<ENTITY>.ILLEGAL_STEP`; `nextSteps` shows what it lists and the
 * caller may do.
 */
export function allowedSteps<S extends string, A extends string>(
  from: Readonly<Record<A, readonly S[]>>,
  status: S,
): A[] {
  return (Object.keys(from) as A[]).filter((action) => from[action].includes(status));
}
