import type { Type } from '@nestjs/common';
import { Field, ObjectType } from '@nestjs/graphql';
import { Prop } from '@nestjs/mongoose';
import { Connection, type ConnectionShape } from './connection';

/**
 * A state machine's history, one shape in every subgraph (docs/api-conventions.md, "State machines"):
 * `history(first, after): XStepConnection!` of `XStep { status: XStatus!, at: DateTime!, note: String }`, oldest first.
 * `StatusStep` is the base of an `XStep`, `StepConnection` its page, and `listConnection(steps, page)` (list-connection.ts)
 * pages the steps for the `history` field.
 */

/** One status change of an entity, as `XStep` shows it. */
export interface Step<S extends string> {
  status: S;
  at: Date;
  note: string | null;
}

/** What an `XStep`'s three fields say in the schema. */
export interface StepFieldDescriptions {
  status: string;
  at: string;
  note: string;
}

/**
 * The base of an `XStep` whose status is one of `statusEnum` (the entity's `XStatus`, registered for GraphQL). Its
 * fields are GraphQL fields and mongoose props at once, so a step kept inside its entity is also the stored shape:
 *
 *     @ObjectType({ description: '…' })
 *     @Schema({ _id: false })
 *     export class CareOrderStep extends StatusStep(CareOrderStatus, 'order') {}
 *
 * `described` is what the entity is called in the fields' descriptions ("The status the order moved to."), or the
 * three descriptions themselves.
 * A type may add fields (who took the step). A step computed rather than stored simply never becomes a schema.
 */
export function StatusStep<S extends string>(
  statusEnum: Record<string, S>,
  described: string | StepFieldDescriptions,
): abstract new () => Step<S> {
  const descriptions = typeof described === 'string' ? movedTo(described) : described;
  @ObjectType({ isAbstract: true })
  abstract class StatusStepBase implements Step<S> {
    @Field(() => statusEnum, { description: descriptions.status })
    @Prop({ type: String, enum: Object.values(statusEnum), required: true })
    status!: S;

    @Field({ description: descriptions.at })
    @Prop({ required: true })
    at!: Date;

    @Field(() => String, { nullable: true, description: descriptions.note })
    @Prop({ type: String, trim: true, default: null })
    note!: string | null;
  }
  return StatusStepBase;
}

/** The descriptions of an `XStep`'s fields for an entity called `entity`, when it says no more than this. */
function movedTo(entity: string): StepFieldDescriptions {
  return {
    status: `The status the ${entity} moved to.`,
    at: 'When it moved.',
    note: 'The reason given for the step, if any (a decline, a cancellation), e.g. 家人已安排.',
  };
}

/**
 * The `XStepConnection` of a step type, `XStep`'s page with its `XStepEdge`: extend it under the entity's name,
 * `@ObjectType({ description }) class CareOrderStepConnection extends StepConnection(CareOrderStep) {}`.
 */
export function StepConnection<T>(stepType: Type<T>, stepName: string = stepType.name): Type<ConnectionShape<T>> {
  return Connection(stepType, stepName);
}

/**
 * The `XStep` type and its `XStepConnection`, named and described, for an entity `owner` whose steps are computed
 * from what it records rather than stored: `StepTypes('RoomBooking', RoomBookingStatus, 'a room booking')`.
 */
export function StepTypes<S extends string>(
  owner: string,
  statusEnum: Record<string, S>,
  what: string,
  descriptions: StepFieldDescriptions = {
    status: 'The status it moved to.',
    at: 'When.',
    note: 'Why, where the step records a reason.',
  },
): { Step: Type<Step<S>>; StepConnection: Type<ConnectionShape<Step<S>>> } {
  @ObjectType(`${owner}Step`, { description: `A status change of ${what}, oldest first in its history.` })
  class NamedStep extends StatusStep(statusEnum, descriptions) {}

  @ObjectType(`${owner}StepConnection`, { description: `A page of the status changes of ${what}, oldest first.` })
  class NamedStepConnection extends StepConnection(NamedStep, `${owner}Step`) {}

  return { Step: NamedStep, StepConnection: NamedStepConnection };
}

/**
 * The steps a state machine allows from a status: `from[action]` lists the statuses the action may be taken in.
 * Services refuse what it does not list with `<ENTITY>.ILLEGAL_STEP`; `nextSteps` shows what it lists and the
 * caller may do.
 */
export function allowedSteps<S extends string, A extends string>(
  from: Readonly<Record<A, readonly S[]>>,
  status: S,
): A[] {
  return (Object.keys(from) as A[]).filter((action) => from[action].includes(status));
}
