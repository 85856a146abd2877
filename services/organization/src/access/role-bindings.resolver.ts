import { Connection, GraphQLRequestContext } from '@gongzhi/platform';
import { Args, Context, ID, Mutation, ObjectType, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import { OrgUnit } from '../org-units/org-unit.schema';
import { GrantRoleInput, RoleBindingsArgs } from './role-binding.inputs';
import { RoleBinding } from './role-binding.schema';
import { RoleBindingsService } from './role-bindings.service';

@ObjectType()
export class RoleBindingConnection extends Connection(RoleBinding) {}

const WHO_MAY = 'Services, and street staff or a community secretary bound to the unit or one above it.';
const WHO_MAY_GRANT =
  'Services, and staff bound to the unit or one above it whose own role outranks this one (AUDITOR: street staff only), never for themself. The role must fit the tier of the unit.';

@Resolver(() => RoleBinding)
export class RoleBindingsResolver {
  constructor(private readonly bindings: RoleBindingsService) {}

  @Mutation(() => RoleBinding, {
    description: `Gives a person a role over an org unit and its subtree. ${WHO_MAY_GRANT}`,
  })
  grantRole(@Args('input') input: GrantRoleInput) {
    return this.bindings.grant(input);
  }

  @Mutation(() => RoleBinding, { description: `Takes a role away; returns the binding as it was. ${WHO_MAY_GRANT}` })
  revokeRole(@Args('bindingId', { type: () => ID }) bindingId: string) {
    return this.bindings.revoke(bindingId);
  }

  @Query(() => RoleBindingConnection, { description: `The roles bound to one org unit, oldest first. ${WHO_MAY}` })
  roleBindings(@Args() args: RoleBindingsArgs) {
    return this.bindings.list(args);
  }

  @ResolveField(() => OrgUnit, { nullable: true })
  orgUnit(@Parent() binding: RoleBinding, @Context() { loaders }: GraphQLRequestContext) {
    return this.bindings.orgUnit(loaders, binding);
  }
}
