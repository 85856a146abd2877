import { Directive, Field, ID, ObjectType } from '@nestjs/graphql';

/** A co-building partner unit (共建单位), resolved by organization: the maintenance company of a work order, say. */
@ObjectType()
@Directive('@key(fields: "id", resolvable: false)')
export class PartnerUnit {
  @Field(() => ID)
  id!: string;
}
