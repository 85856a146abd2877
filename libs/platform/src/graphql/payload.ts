import { Type } from '@nestjs/common';
import { Field, ObjectType } from '@nestjs/graphql';

/**
 * The base of a mutation's payload type (docs/api-conventions.md, "Mutations"): the entity that changed, non-null, in
 * a field named after its type in camelCase. The payload extends it under its own name, `<Mutation>Payload`, and adds
 * what the client needs next where there is something:
 * `@ObjectType({ description }) class PlaceCareOrderPayload extends Payload('careOrder', CareOrder, '…') {}`.
 */
export function Payload<K extends string, T>(field: K, entityType: Type<T>, description: string): Type<Record<K, T>> {
  @ObjectType({ isAbstract: true })
  class PayloadType {}
  Field(() => entityType, { description })(PayloadType.prototype, field);
  return PayloadType as Type<Record<K, T>>;
}
