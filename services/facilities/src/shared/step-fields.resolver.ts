import { ConnectionArgs, listConnection, Public } from '@gongzhi/platform';
import type { Type } from '@nestjs/common';
import { Args, Parent, ResolveField, Resolver } from '@nestjs/graphql';
import { allowedSteps, type Step } from './steps';

export interface StepFieldsOptions<E, S extends string, A extends string> {
  /** The `XStepConnection` type of the entity (StepTypes). */
  connection: Type<unknown>;
  /** The `XAction` enum, registered for GraphQL. */
  actions: object;
  /** The statuses each action may be taken in: the table the service checks too. */
  steps: Readonly<Record<A, readonly S[]>>;
  /** The entity's status changes, oldest first. */
  history: (entity: E) => Step<S>[];
  /** Whether the caller may take the action on the entity (its access policy). */
  may: (action: A, entity: E) => boolean;
  /** Whether anyone may read them, as anyone may read the entity (a garden claim); signed-in callers otherwise. */
  isPublic?: boolean;
}

/** What a feature's resolver inherits: `history` and `nextSteps` of its state machine. */
export interface StepFields<E> {
  history(entity: E, page: ConnectionArgs): unknown;
  nextSteps(entity: E): string[];
}

/**
 * `history(first, after): XStepConnection!` and `nextSteps: [XAction!]!` of an entity with a status, one shape
 * everywhere (docs/api-conventions.md, "State machines"). A feature's resolver extends it:
 *
 *     @Resolver(() => RoomBooking)
 *     export class RoomBookingResolver extends StepFieldsResolver(RoomBooking, { connection, actions, steps, … }) { … }
 */
export function StepFieldsResolver<E extends { status: S }, S extends string, A extends string>(
  entity: Type<unknown>,
  options: StepFieldsOptions<E, S, A>,
): abstract new () => StepFields<E> {
  @Resolver(() => entity, { isAbstract: true })
  abstract class StepFieldsHost implements StepFields<E> {
    @ResolveField(() => options.connection, { description: 'Its status changes, oldest first.' })
    history(@Parent() entity: E, @Args() page: ConnectionArgs) {
      return listConnection(options.history(entity), page);
    }

    @ResolveField(() => [options.actions], {
      description: 'The steps the caller may take on it now: the buttons to show.',
    })
    nextSteps(@Parent() entity: E): A[] {
      return allowedSteps(options.steps, entity.status).filter((action) => options.may(action, entity));
    }
  }
  if (options.isPublic) {
    for (const field of ['history', 'nextSteps'] as const)
      Public()(StepFieldsHost.prototype, field, Object.getOwnPropertyDescriptor(StepFieldsHost.prototype, field)!);
  }
  return StepFieldsHost;
}
