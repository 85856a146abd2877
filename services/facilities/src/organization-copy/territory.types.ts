import { Directive, Field, ID, ObjectType } from '@nestjs/graphql';

/**
 * organization's places as facilities extends them: the gateway fetches a community, compound, building or household
 * from organization and asks facilities only for the fields added here (lamps, rooms, parking…). Each feature adds its
 * fields with a resolver of its own; the reference is the id alone, so there is nothing to check on the way in. No
 * descriptions here: organization's describe the types in the supergraph.
 */

/** A community (社区); its name and the rest come from organization. */
@ObjectType()
@Directive('@key(fields: "id")')
export class Community {
  @Field(() => ID)
  id!: string;
}

/** A residential compound (小区). */
@ObjectType()
@Directive('@key(fields: "id")')
export class Compound {
  @Field(() => ID)
  id!: string;
}

/** A building (楼栋). */
@ObjectType()
@Directive('@key(fields: "id")')
export class Building {
  @Field(() => ID)
  id!: string;
}

/** A household (户). */
@ObjectType()
@Directive('@key(fields: "id")')
export class Household {
  @Field(() => ID)
  id!: string;
}

/** A resident, resolved by organization, which decides who may see them. */
@ObjectType()
@Directive('@key(fields: "id", resolvable: false)')
export class Resident {
  @Field(() => ID)
  id!: string;
}

/** A reference to organization's entity of this type and id. */
export const stub = <T extends string>(id: unknown, typename: T) => ({ __typename: typename, id: String(id) });
