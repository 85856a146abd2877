import type { Actor } from '@gongzhi/contracts';
import { currentActor, StatusStep } from '@gongzhi/platform';
import { Field, ObjectType, registerEnumType } from '@nestjs/graphql';
import { Prop } from '@nestjs/mongoose';

/** Who took a step of a fault or work order. The stored values are the actor kinds of @gongzhi/contracts. */
export enum StepActorKind {
  PERSON = 'person',
  PARTNER = 'partner',
  SERVICE = 'service',
  SYSTEM = 'system',
}
registerEnumType(StepActorKind, {
  name: 'StepActorKind',
  description: 'Who took a step of a lamp fault, work order or renewal project.',
  valuesMap: {
    PERSON: { description: 'A signed-in person: a resident, street or community staff, a grid worker.' },
    PARTNER: { description: 'A partner unit (a maintenance company) with its API key.' },
    SERVICE: { description: 'Another Gongzhi service, with its internal token.' },
    SYSTEM: { description: 'Gongzhi itself: the sweep that escalates late faults.' },
  },
});

const ACTOR_KINDS: Record<Actor['kind'], StepActorKind> = {
  person: StepActorKind.PERSON,
  partner: StepActorKind.PARTNER,
  service: StepActorKind.SERVICE,
  anonymous: StepActorKind.SYSTEM,
};

/** A step of a status history, by the caller of the request, or by the system (a sweep) outside requests. */
export function stepOf<S extends string>(
  status: S,
  at: Date,
  note: string | null = null,
): { status: S; at: Date; note: string | null; actorKind: StepActorKind } {
  return { status, at, note, actorKind: ACTOR_KINDS[currentActor().kind] };
}

/**
 * A step of a lamp fault's, a work order's or a renewal project's history, whose status is one of `statuses`: the platform's `XStep`
 * (status, at, note) and who took it.
 */
export function LightingStep<S extends string>(
  statuses: Record<string, S>,
  entity: string,
  { note = 'What was said with it: the note to the partner, a progress report, or what was done to close it.' } = {},
) {
  @ObjectType({ isAbstract: true })
  abstract class Step extends StatusStep(statuses, {
    status: `The status the ${entity} reached with this step.`,
    at: 'When the step was taken.',
    note,
  }) {
    @Field(() => StepActorKind, { description: 'Who took the step.' })
    @Prop({ type: String, enum: StepActorKind, required: true })
    actorKind!: StepActorKind;
  }
  return Step;
}
