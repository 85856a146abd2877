import type { Type } from '@nestjs/common';
import { Directive, Field, ID, ObjectType } from '@nestjs/graphql';

/** One of organization's entities as another subgraph knows it: its id, and nothing else. */
export interface OrganizationEntityStub {
  id: string;
}

/**
 * The stub of organization's entity `name` (Community, Compound, Building, Household, Resident, PartnerUnit) in a
 * subgraph that points at it or adds fields to it. `resolvable` (the default) lets the gateway enter this subgraph
 * through it, for the fields the subgraph adds; `resolvable: false` only points at it, and organization resolves it
 * with its own access rules. No description: organization's describe the type in the supergraph.
 *
 *     export const Community = OrganizationEntity('Community');
 *     export type Community = InstanceType<typeof Community>;
 */
export function OrganizationEntity(
  name: string,
  { resolvable = true }: { resolvable?: boolean } = {},
): Type<OrganizationEntityStub> {
  @ObjectType(name)
  @Directive(resolvable ? '@key(fields: "id")' : '@key(fields: "id", resolvable: false)')
  class Stub implements OrganizationEntityStub {
    @Field(() => ID)
    id!: string;
  }
  return Stub;
}

/** The reference the gateway resolves in organization: `{ id }`. */
export function reference(id: unknown): OrganizationEntityStub {
  return { id: String(id) };
}

/** A reference, or null where there is nothing to point at. */
export function optionalReference(id: unknown): OrganizationEntityStub | null {
  return id == null || id === '' ? null : reference(id);
}
