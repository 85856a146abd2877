import type { Type } from '@nestjs/common';
import { Args, Parent, ResolveField, Resolver } from '@nestjs/graphql';
import { Public } from '../access/public.decorator';
import { ConnectionArgs } from './connection';
import { listConnection } from './list-connection';
import type { Step } from './status-step';

export interface StepFieldsOptions<E, A extends string> {
  /** The `XStepConnection` type of the entity (`StepConnection`, `StepTypes`). */
  connection: Type<unknown>;
  /** The `XAction` enum, registered for GraphQL. */
  actions: object;
  /** The entity's status changes, oldest first: the steps it stores, or computes from the instants it records. */
  history: (entity: E) => readonly Step<string>[];
  /** The steps to show as `nextSteps` (`allowedSteps(table, status)`, filtered by the access policy where it says). */
  nextSteps: (entity: E) => A[];
  /** What the two fields say in the schema, where the entity says more than the defaults. */
  descriptions?: { history?: string; nextSteps?: string };
  /** Whether anyone may read them, as anyone may read the entity (a garden claim); signed-in callers otherwise. */
  isPublic?: boolean;
}

/** What a feature's resolver inherits: `history` and `nextSteps` of its state machine. */
export interface StepFields<E> {
  history(entity: E, page: ConnectionArgs): unknown;
  nextSteps(entity: E): string[];
}

/**
 * `history(first, after): XStepConnection!` and `nextSteps: [XAction!]!` of an entity with a status, one shape in
 * every subgraph (docs/api-conventions.md, "State machines"). The entity's resolver extends it:
 *
 *     @Resolver(() => CareOrder)
 *     export class CareOrderResolver extends StepFieldsResolver(CareOrder, { connection, actions, history, nextSteps }) { … }
 */
export function StepFieldsResolver<E, A extends string>(
  entity: Type<unknown>,
  options: StepFieldsOptions<E, A>,
): abstract new () => StepFields<E> {
  @Resolver(() => entity, { isAbstract: true })
  abstract class StepFieldsHost implements StepFields<E> {
    @ResolveField(() => options.connection, {
      description: options.descriptions?.history ?? 'Its status changes, oldest first.',
    })
    history(@Parent() entity: E, @Args() page: ConnectionArgs) {
      return listConnection(options.history(entity), page);
    }

    @ResolveField(() => [options.actions], {
      description: options.descriptions?.nextSteps ?? 'The steps the caller may take on it now: the buttons to show.',
    })
    nextSteps(@Parent() entity: E): A[] {
      return options.nextSteps(entity);
    }
  }
  if (options.isPublic) {
    for (const field of ['history', 'nextSteps'] as const)
      Public()(StepFieldsHost.prototype, field, Object.getOwnPropertyDescriptor(StepFieldsHost.prototype, field)!);
  }
  return StepFieldsHost;
}
