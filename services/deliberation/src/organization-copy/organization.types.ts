import { Directive, Field, ID, ObjectType } from '@nestjs/graphql';

/**
 * Organization's entities as deliberation sees them: an id and nothing else. Community, Compound and OrgUnit are
 * extended here with their councils and motions, so the gateway may enter this subgraph through them (resolvable
 * keys); the others are only pointed at, and organization resolves them with its own access rules. No descriptions:
 * the supergraph takes organization's, which owns the types.
 */

@ObjectType()
@Directive('@key(fields: "id")')
export class Community {
  @Field(() => ID)
  id!: string;
}

@ObjectType()
@Directive('@key(fields: "id")')
export class Compound {
  @Field(() => ID)
  id!: string;
}

@ObjectType()
@Directive('@key(fields: "id")')
export class OrgUnit {
  @Field(() => ID)
  id!: string;
}

@ObjectType()
@Directive('@key(fields: "id", resolvable: false)')
export class Building {
  @Field(() => ID)
  id!: string;
}

@ObjectType()
@Directive('@key(fields: "id", resolvable: false)')
export class Household {
  @Field(() => ID)
  id!: string;
}

@ObjectType()
@Directive('@key(fields: "id", resolvable: false)')
export class Resident {
  @Field(() => ID)
  id!: string;
}

@ObjectType()
@Directive('@key(fields: "id", resolvable: false)')
export class PartnerUnit {
  @Field(() => ID)
  id!: string;
}

/** Where a stub points: `{ id }`, or null when there is nothing to point at. */
export function stub(id: string | null | undefined): { id: string } | null {
  return id ? { id } : null;
}
