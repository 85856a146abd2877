import {
  cacheHint,
  GraphQLRequestContext,
  NO_CACHE_HINT,
  Public,
  ReferenceContext,
  requirePermission,
  nullWhileDown,
} from '@gongzhi/platform';
import {
  Args,
  Context,
  Directive,
  ID,
  Int,
  Mutation,
  Parent,
  Query,
  ResolveField,
  Resolver,
  ResolveReference,
} from '@nestjs/graphql';
import {
  CreateOrgUnitInput,
  DefineTierSchemeInput,
  DescendantsArgs,
  MoveOrgUnitInput,
  OrgUnitsArgs,
  RenameOrgUnitInput,
} from './org-unit.inputs';
import { OrgUnit, OrgUnitDocument, OrgUnitPerson } from './org-unit.schema';
import {
  CreateOrgUnitPayload,
  DefineTierSchemePayload,
  MoveOrgUnitPayload,
  OrgUnitConnection,
  RenameOrgUnitPayload,
} from './org-unit.types';
import { mayChangeTreeBelow, mayDefineTierSchemes, mayReadMembers, pathTo } from './org-units.access';
import { OrgUnitsService } from './org-units.service';
import { TierScheme } from './tier-scheme.schema';

@Resolver(() => OrgUnit)
export class OrgUnitsResolver {
  constructor(private readonly units: OrgUnitsService) {}

  @Public()
  @Query(() => OrgUnit, { nullable: true, description: 'An org unit by its id; null when there is none.' })
  orgUnit(
    @Args('id', { type: () => ID, description: "The org unit's id." }) id: string,
    @Context() { loaders }: GraphQLRequestContext,
  ) {
    return this.units.load(loaders, id);
  }

  @Public()
  @Directive(cacheHint())
  @Query(() => OrgUnitConnection, {
    nullable: true,
    description: nullWhileDown('Units by tier, parent or part of the name, ordered by name.', 'organization'),
  })
  orgUnits(@Args() args: OrgUnitsArgs) {
    return this.units.list(args);
  }

  @Public()
  @Query(() => [TierScheme], {
    nullable: true,
    description: nullWhileDown('The tier schemes: the names each tree gives its five tiers.', 'organization'),
  })
  tierSchemes() {
    return this.units.tierSchemes();
  }

  @Mutation(() => CreateOrgUnitPayload, {
    description:
      'Creates a unit one tier below its parent.\nStreet staff or a community secretary bound to the parent or a unit above it; a tier-1 unit by services only.',
  })
  async createOrgUnit(
    @Args('input', { description: 'The unit to create and its parent.' }) input: CreateOrgUnitInput,
    @Context() { loaders }: GraphQLRequestContext,
  ): Promise<CreateOrgUnitPayload> {
    const parent = await this.units.load(loaders, input.parentId);
    requirePermission(mayChangeTreeBelow(parent && pathTo(parent)));
    return { orgUnit: await this.units.create(input) };
  }

  @Mutation(() => MoveOrgUnitPayload, {
    description:
      'Moves a unit with its whole subtree under another parent.\nStreet staff or a community secretary bound to a unit above both its old and its new place.',
  })
  async moveOrgUnit(
    @Args('input', { description: 'The unit to move and its new parent.' })
    { orgUnitId, newParentId }: MoveOrgUnitInput,
    @Context() { loaders }: GraphQLRequestContext,
  ): Promise<MoveOrgUnitPayload> {
    const [unit, newParent] = await Promise.all([
      this.units.load(loaders, orgUnitId),
      this.units.load(loaders, newParentId),
    ]);
    requirePermission(
      mayChangeTreeBelow(unit && unit.ancestorIds) && mayChangeTreeBelow(newParent && pathTo(newParent)),
    );
    return { orgUnit: await this.units.move(orgUnitId, newParentId) };
  }

  @Mutation(() => RenameOrgUnitPayload, {
    description: 'Renames a unit.\nStreet staff or a community secretary bound to the unit or one above it.',
  })
  async renameOrgUnit(
    @Args('input', { description: 'The unit to rename and its new name.' }) { orgUnitId, name }: RenameOrgUnitInput,
    @Context() { loaders }: GraphQLRequestContext,
  ): Promise<RenameOrgUnitPayload> {
    const unit = await this.units.load(loaders, orgUnitId);
    requirePermission(mayChangeTreeBelow(unit && pathTo(unit)));
    return { orgUnit: await this.units.rename(orgUnitId, name) };
  }

  @Mutation(() => DefineTierSchemePayload, {
    description: 'Defines or redefines what the five tiers are called.\nStreet staff.',
  })
  async defineTierScheme(
    @Args('input', { description: "The scheme's key and the names of its five tiers." })
    { key, tierNames }: DefineTierSchemeInput,
  ): Promise<DefineTierSchemePayload> {
    requirePermission(mayDefineTierSchemes());
    return { tierScheme: await this.units.defineTierScheme(key, tierNames) };
  }

  @Public()
  // defineTierScheme renames tiers without an event: never kept (nor tierScheme, whose type has no hint).
  @Directive(NO_CACHE_HINT)
  @ResolveField(() => String, { description: 'What this tier is called in this tree, e.g. 楼道党小组.' })
  tierName(@Parent() unit: OrgUnitDocument, @Context() { loaders }: GraphQLRequestContext) {
    return this.units.tierName(loaders, unit);
  }

  @Public()
  @ResolveField(() => TierScheme, {
    nullable: true,
    description:
      'The naming of tiers of its tree, chosen at tier 1 and taken by every unit in it; null if since removed.',
  })
  tierScheme(@Parent() unit: OrgUnitDocument, @Context() { loaders }: GraphQLRequestContext) {
    return this.units.tierSchemeOf(loaders, unit);
  }

  // People's names for signed-in callers only: never kept.
  @Directive(NO_CACHE_HINT)
  @ResolveField(() => [OrgUnitPerson], { nullable: true, description: 'Signed-in people only.' })
  members(@Parent() unit: OrgUnitDocument) {
    requirePermission(mayReadMembers());
    return unit.members;
  }

  @Public()
  @ResolveField(() => OrgUnit, { nullable: true, description: 'The unit one tier above; null for a top-tier unit.' })
  parent(@Parent() unit: OrgUnitDocument, @Context() { loaders }: GraphQLRequestContext) {
    return this.units.load(loaders, unit.parentId);
  }

  @Public()
  @ResolveField(() => [OrgUnit], { description: 'From the top tier down to the parent.' })
  ancestors(@Parent() unit: OrgUnitDocument, @Context() { loaders }: GraphQLRequestContext) {
    return this.units.loadMany(loaders, unit.ancestorIds);
  }

  @Public()
  @ResolveField(() => OrgUnitConnection, { description: 'The units below this one at any depth, a page at a time.' })
  descendants(@Parent() unit: OrgUnitDocument, @Args() args: DescendantsArgs) {
    return this.units.descendants(unit.id, args);
  }

  @Public()
  @ResolveField(() => Int, { description: 'How many units are below this one at any depth (or at the given tier).' })
  descendantCount(
    @Parent() unit: OrgUnitDocument,
    @Context() { loaders }: GraphQLRequestContext,
    @Args('tier', {
      type: () => Int,
      nullable: true,
      description: 'Count only descendants at this tier, 1 to 5; all tiers when absent.',
    })
    tier?: number,
  ) {
    return this.units.descendantCount(loaders, unit.id, tier);
  }

  @Public()
  @ResolveReference()
  resolveReference(@Parent() reference: { id: string }, @ReferenceContext() { loaders }: GraphQLRequestContext) {
    return this.units.load(loaders, reference.id);
  }
}
