import { Connection, GraphQLRequestContext, ReferenceContext } from '@gongzhi/platform';
import { Args, Context, ID, Int, Mutation, ObjectType, Parent, Query, ResolveField, Resolver, ResolveReference } from '@nestjs/graphql';
import { IsMongoId, IsString, Length } from 'class-validator';
import { ArgsType, Field } from '@nestjs/graphql';
import { CreateOrgUnitInput, DescendantsArgs, OrgUnitsArgs } from './org-unit.inputs';
import { OrgUnit, OrgUnitDocument } from './org-unit.schema';
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
  tierNames!: string[];
}

@Resolver(() => OrgUnit)
export class OrgUnitsResolver {
  constructor(private readonly units: OrgUnitsService) {}

  @Query(() => OrgUnit, { nullable: true })
  orgUnit(@Args('id', { type: () => ID }) id: string, @Context() { loaders }: GraphQLRequestContext) {
    return this.units.load(loaders, id);
  }

  @Query(() => OrgUnitConnection, { description: 'Units by tier, parent or part of the name, ordered by name.' })
  orgUnits(@Args() args: OrgUnitsArgs) {
    return this.units.list(args);
  }

  @Query(() => [TierScheme])
  tierSchemes() {
    return this.units.tierSchemes();
  }

  @Mutation(() => OrgUnit)
  createOrgUnit(@Args('input') input: CreateOrgUnitInput) {
    return this.units.create(input);
  }

  @Mutation(() => OrgUnit, { description: 'Moves a unit with its whole subtree under another parent.' })
  moveOrgUnit(@Args() { id, newParentId }: MoveOrgUnitArgs) {
    return this.units.move(id, newParentId);
  }

  @Mutation(() => OrgUnit)
  renameOrgUnit(@Args() { id, name }: RenameOrgUnitArgs) {
    return this.units.rename(id, name);
  }

  @Mutation(() => TierScheme)
  defineTierScheme(@Args() { key, tierNames }: DefineTierSchemeArgs) {
    return this.units.defineTierScheme(key, tierNames);
  }

  @ResolveField(() => String, { description: 'What this tier is called in this tree, e.g. 楼道党小组.' })
  tierName(@Parent() unit: OrgUnitDocument, @Context() { loaders }: GraphQLRequestContext) {
    return this.units.tierName(loaders, unit);
  }

  @ResolveField(() => OrgUnit, { nullable: true })
  parent(@Parent() unit: OrgUnitDocument, @Context() { loaders }: GraphQLRequestContext) {
    return this.units.load(loaders, unit.parentId);
  }

  @ResolveField(() => [OrgUnit], { description: 'From the top tier down to the parent.' })
  ancestors(@Parent() unit: OrgUnitDocument, @Context() { loaders }: GraphQLRequestContext) {
    return this.units.loadMany(loaders, unit.ancestorIds);
  }

  @ResolveField(() => OrgUnitConnection)
  descendants(@Parent() unit: OrgUnitDocument, @Args() args: DescendantsArgs) {
    return this.units.descendants(unit.id, args);
  }

  @ResolveField(() => Int)
  descendantCount(
    @Parent() unit: OrgUnitDocument,
    @Context() { loaders }: GraphQLRequestContext,
    @Args('tier', { type: () => Int, nullable: true }) tier?: number,
  ) {
    return this.units.descendantCount(loaders, unit.id, tier);
  }

  @ResolveReference()
  resolveReference(@Parent() reference: { id: string }, @ReferenceContext() { loaders }: GraphQLRequestContext) {
    return this.units.load(loaders, reference.id);
  }
}
