import type { Type } from '@nestjs/common';
import { Field, ObjectType } from '@nestjs/graphql';

/**
 * The base of a mutation's payload (docs/api-conventions.md, "Mutations"): the entity the mutation changed, in a
 * non-null field named after its type (`roomBooking: RoomBooking!`). A payload that returns more extends the class
 * with its own fields.
 *
 *     @ObjectType({ description: 'What bookRoom changed.' })
 *     export class BookRoomPayload extends EntityPayload(RoomBooking, 'roomBooking', 'The booking made.') {}
 */
export function EntityPayload<T, K extends string>(
  entity: Type<T>,
  field: K,
  description: string,
): Type<Record<K, unknown>> {
  @ObjectType({ isAbstract: true })
  abstract class Payload {}
  Field(() => entity, { description })(Payload.prototype, field);
  return Payload as unknown as Type<Record<K, unknown>>;
}
