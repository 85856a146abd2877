import { GraphQLRequestContext, nullWhileDown } from '@gongzhi/platform';
import { Args, Context, Mutation, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import { OrgUnit } from '../org-units/org-unit.schema';
import { GrantRoleInput, RevokeRoleInput, RoleBindingsArgs } from './role-binding.inputs';
import { RoleBinding } from './role-binding.schema';
import { GrantRolePayload, RevokeRolePayload, RoleBindingConnection } from './role-binding.types';
import { RoleBindingsService } from './role-bindings.service';

const WHO_MAY = 'Services, and street staff or a community secretary bound to the unit or one above it.';
const WHO_MAY_GRANT =
  'Services, and staff bound to the unit or one above it whose own role outranks this one (AUDITOR: street staff only), never for themself. The role must fit the tier of the unit.';

@Resolver(() => RoleBinding)
export class RoleBindingsResolver {
  constructor(private readonly bindings: RoleBindingsService) {}

  @Mutation(() => GrantRolePayload, {
    description: `Gives a person a role over an org unit and its subtree.\n${WHO_MAY_GRANT}`,
  })
  async grantRole(
    @Args('input', { description: 'Who gets which role over which org unit.' }) input: GrantRoleInput,
  ): Promise<GrantRolePayload> {
    return { roleBinding: await this.bindings.grant(input) };
  }

  @Mutation(() => RevokeRolePayload, {
    description: `Takes a role away; the payload holds the binding as it was.\n${WHO_MAY_GRANT}`,
  })
  async revokeRole(
    @Args('input', { description: 'The role binding to revoke.' }) { bindingId }: RevokeRoleInput,
  ): Promise<RevokeRolePayload> {
    return { roleBinding: await this.bindings.revoke(bindingId) };
  }

  @Query(() => RoleBindingConnection, {
    nullable: true,
    description: nullWhileDown(`The roles bound to one org unit, oldest first. ${WHO_MAY}`, 'organization'),
  })
  roleBindings(@Args() args: RoleBindingsArgs) {
    return this.bindings.list(args);
  }

  @ResolveField(() => OrgUnit, {
    nullable: true,
    description: 'The org unit the role is held over; null if it no longer exists.',
  })
  orgUnit(@Parent() binding: RoleBinding, @Context() { loaders }: GraphQLRequestContext) {
    return this.bindings.orgUnit(loaders, binding);
  }
}
