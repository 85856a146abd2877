import { Directive, Field, ID, ObjectType } from '@nestjs/graphql';

/**
 * Organization's entities, as services knows them: by id. The gateway fetches their own fields (a resident's name,
 * a community's name) from organization, which checks access to them; services adds the fields below each type
 * through resolvers of its features (a resident's care orders, the care items a community offers…). No descriptions:
 * organization's describe them in the supergraph.
 */

/** A resident; services adds their care. */
@ObjectType()
@Directive('@key(fields: "id")')
export class Resident {
  @Field(() => ID)
  id!: string;
}

/** A community; services adds the care offered there. */
@ObjectType()
@Directive('@key(fields: "id")')
export class Community {
  @Field(() => ID)
  id!: string;
}

/** A co-building partner unit; services adds the care it provides. */
@ObjectType()
@Directive('@key(fields: "id")')
export class PartnerUnit {
  @Field(() => ID)
  id!: string;
}

/** Who a care order is for, as its provider sees them: organization resolves it by the order's id, checking the caller. */
@ObjectType()
@Directive('@key(fields: "id", resolvable: false)')
export class CareRecipient {
  @Field(() => ID)
  id!: string;
}

/** The reference the gateway resolves in organization; null stays null. */
export function reference(id: unknown): { id: string } {
  return { id: String(id) };
}

export function optionalReference(id: unknown): { id: string } | null {
  return id == null ? null : reference(id);
}
