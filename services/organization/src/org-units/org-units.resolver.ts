import { Connection, GraphQLRequestContext, Public, ReferenceContext, requirePermission } from '@gongzhi/platform';
import {
  Args,
  Context,
  ID,
  Int,
  Mutation,
  ObjectType,
  Parent,
  Query,
  ResolveField,
  Resolver,
  ResolveReference,
} from '@nestjs/graphql';
import { IsMongoId, IsString, Length } from 'class-validator';
import { ArgsType, Field } from '@nestjs/graphql';
import { CreateOrgUnitInput, DescendantsArgs, OrgUnitsArgs } from './org-unit.inputs';
import { OrgUnit, OrgUnitDocument, OrgUnitPerson } from './org-unit.schema';
import { mayChangeTreeBelow, mayDefineTierSchemes, mayReadMembers, pathTo } from './org-units.access';
import { OrgUnitsService } from './org-units.service';
import { TierScheme } from './tier-scheme.schema';

@ObjectType()
export class OrgUnitConnection extends Connection(OrgUnit) {}

@ArgsType()
class MoveOrgUnitArgs {
  @Field(() => ID)
  @IsMongoId()
  id!: string;

  @Field(() => ID, { description: 'The new parent, at the same tier as the old one.' })
  @IsMongoId()
  newParentId!: string;
}

@ArgsType()
class RenameOrgUnitArgs {
  @Field(() => ID)
  @IsMongoId()
  id!: string;

  @Field()
  @IsString()
  @Length(1, 80)
  name!: string;
}

@ArgsType()
class DefineTierSchemeArgs {
  @Field()
  @IsString()
  @Length(1, 30)
  key!: string;

  @Field(() => [String], { description: 'Five names, tier 1 first.' })
  @IsString({ each: true })
  tierNames!: string[];
}

@Resolver(() => OrgUnit)
export class OrgUnitsResolver {
  constructor(private readonly units: OrgUnitsService) {}

  @Public()
  @Query(() => OrgUnit, { nullable: true })
  orgUnit(@Args('id', { type: () => ID }) id: string, @Context() { loaders }: GraphQLRequestContext) {
    return this.units.load(loaders, id);
  }

  @Public()
  @Query(() => OrgUnitConnection, { description: 'Units by tier, parent or part of the name, ordered by name.' })
  orgUnits(@Args() args: OrgUnitsArgs) {
    return this.units.list(args);
  }

  @Public()
  @Query(() => [TierScheme])
  tierSchemes() {
    return this.units.tierSchemes();
  }

  @Mutation(() => OrgUnit, {
    description:
      'Street staff or a community secretary bound to the parent or a unit above it; a tier-1 unit by services only.',
  })
  async createOrgUnit(@Args('input') input: CreateOrgUnitInput, @Context() { loaders }: GraphQLRequestContext) {
    const parent = await this.units.load(loaders, input.parentId);
    requirePermission(mayChangeTreeBelow(parent && pathTo(parent)));
    return this.units.create(input);
  }

  @Mutation(() => OrgUnit, {
    description:
      'Moves a unit with its whole subtree under another parent: street staff or a community secretary bound to a unit above both its old and its new place.',
  })
  async moveOrgUnit(@Args() { id, newParentId }: MoveOrgUnitArgs, @Context() { loaders }: GraphQLRequestContext) {
    const [unit, newParent] = await Promise.all([this.units.load(loaders, id), this.units.load(loaders, newParentId)]);
    requirePermission(
      mayChangeTreeBelow(unit && unit.ancestorIds) && mayChangeTreeBelow(newParent && pathTo(newParent)),
    );
    return this.units.move(id, newParentId);
  }

  @Mutation(() => OrgUnit, { description: 'Street staff or a community secretary bound to the unit or one above it.' })
  async renameOrgUnit(@Args() { id, name }: RenameOrgUnitArgs, @Context() { loaders }: GraphQLRequestContext) {
    const unit = await this.units.load(loaders, id);
    requirePermission(mayChangeTreeBelow(unit && pathTo(unit)));
    return this.units.rename(id, name);
  }

  @Mutation(() => TierScheme, { description: 'Street staff.' })
  defineTierScheme(@Args() { key, tierNames }: DefineTierSchemeArgs) {
    requirePermission(mayDefineTierSchemes());
    return this.units.defineTierScheme(key, tierNames);
  }

  @Public()
  @ResolveField(() => String, { description: 'What this tier is called in this tree, e.g. 楼道党小组.' })
  tierName(@Parent() unit: OrgUnitDocument, @Context() { loaders }: GraphQLRequestContext) {
    return this.units.tierName(loaders, unit);
  }

  @ResolveField(() => [OrgUnitPerson], { nullable: true, description: 'Signed-in people only.' })
  members(@Parent() unit: OrgUnitDocument) {
    requirePermission(mayReadMembers());
    return unit.members;
  }

  @Public()
  @ResolveField(() => OrgUnit, { nullable: true })
  parent(@Parent() unit: OrgUnitDocument, @Context() { loaders }: GraphQLRequestContext) {
    return this.units.load(loaders, unit.parentId);
  }

  @Public()
  @ResolveField(() => [OrgUnit], { description: 'From the top tier down to the parent.' })
  ancestors(@Parent() unit: OrgUnitDocument, @Context() { loaders }: GraphQLRequestContext) {
    return this.units.loadMany(loaders, unit.ancestorIds);
  }

  @Public()
  @ResolveField(() => OrgUnitConnection)
  descendants(@Parent() unit: OrgUnitDocument, @Args() args: DescendantsArgs) {
    return this.units.descendants(unit.id, args);
  }

  @Public()
  @ResolveField(() => Int)
  descendantCount(
    @Parent() unit: OrgUnitDocument,
    @Context() { loaders }: GraphQLRequestContext,
    @Args('tier', { type: () => Int, nullable: true }) tier?: number,
  ) {
    return this.units.descendantCount(loaders, unit.id, tier);
  }

  @Public()
  @ResolveReference()
  resolveReference(@Parent() reference: { id: string }, @ReferenceContext() { loaders }: GraphQLRequestContext) {
    return this.units.load(loaders, reference.id);
  }
}
