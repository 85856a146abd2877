import { Connection, ConnectionArgs, GraphQLRequestContext, ReferenceContext } from '@gongzhi/platform';
import { Args, Context, ID, Mutation, ObjectType, Parent, Query, ResolveField, Resolver, ResolveReference } from '@nestjs/graphql';
import { IsMongoId } from 'class-validator';
import {
  CreateBuildingInput,
  CreateCommunityInput,
  CreateCompoundInput,
  MoveResidentInInput,
  RegisterHouseholdInput,
  ResidentsArgs,
} from './territory.inputs';
import {
  Building,
  BuildingDocument,
  Community,
  CommunityDocument,
  Compound,
  CompoundDocument,
  Household,
  HouseholdDocument,
  Resident,
  ResidentDocument,
} from './territory.schema';
import { TerritoryService } from './territory.service';
import { ArgsType, Field } from '@nestjs/graphql';

@ObjectType()
export class CommunityConnection extends Connection(Community) {}
@ObjectType()
export class CompoundConnection extends Connection(Compound) {}
@ObjectType()
export class BuildingConnection extends Connection(Building) {}
@ObjectType()
export class HouseholdConnection extends Connection(Household) {}
@ObjectType()
export class ResidentConnection extends Connection(Resident) {}

@ArgsType()
class IdArgs {
  @Field(() => ID)
  @IsMongoId()
  id!: string;
}

@Resolver(() => Community)
export class CommunityResolver {
  constructor(private readonly territory: TerritoryService) {}

  @Query(() => Community, { nullable: true })
  community(@Args() { id }: IdArgs, @Context() { loaders }: GraphQLRequestContext) {
    return this.territory.load(loaders, this.territory.communities, id);
  }

  @Query(() => CommunityConnection, { description: 'Communities by name.' })
  communities(@Args() args: ConnectionArgs) {
    return this.territory.listCommunities(args);
  }

  @Mutation(() => Community)
  createCommunity(@Args('input') input: CreateCommunityInput) {
    return this.territory.createCommunity(input);
  }

  @ResolveField(() => CompoundConnection)
  compounds(@Parent() community: CommunityDocument, @Args() args: ConnectionArgs, @Context() { loaders }: GraphQLRequestContext) {
    return this.territory.compoundsOf(loaders, community.id, args);
  }

  @ResolveReference()
  resolveReference(@Parent() reference: { id: string }, @ReferenceContext() { loaders }: GraphQLRequestContext) {
    return this.territory.load(loaders, this.territory.communities, reference.id);
  }
}

@Resolver(() => Compound)
export class CompoundResolver {
  constructor(private readonly territory: TerritoryService) {}

  @Query(() => Compound, { nullable: true })
  compound(@Args() { id }: IdArgs, @Context() { loaders }: GraphQLRequestContext) {
    return this.territory.load(loaders, this.territory.compounds, id);
  }

  @Mutation(() => Compound)
  createCompound(@Args('input') input: CreateCompoundInput) {
    return this.territory.createCompound(input);
  }

  @ResolveField(() => Community)
  community(@Parent() compound: CompoundDocument, @Context() { loaders }: GraphQLRequestContext) {
    return this.territory.load(loaders, this.territory.communities, compound.communityId);
  }

  @ResolveField(() => BuildingConnection)
  buildings(@Parent() compound: CompoundDocument, @Args() args: ConnectionArgs, @Context() { loaders }: GraphQLRequestContext) {
    return this.territory.buildingsOf(loaders, compound.id, args);
  }

  @ResolveReference()
  resolveReference(@Parent() reference: { id: string }, @ReferenceContext() { loaders }: GraphQLRequestContext) {
    return this.territory.load(loaders, this.territory.compounds, reference.id);
  }
}

@Resolver(() => Building)
export class BuildingResolver {
  constructor(private readonly territory: TerritoryService) {}

  @Query(() => Building, { nullable: true })
  building(@Args() { id }: IdArgs, @Context() { loaders }: GraphQLRequestContext) {
    return this.territory.load(loaders, this.territory.buildings, id);
  }

  @Mutation(() => Building)
  createBuilding(@Args('input') input: CreateBuildingInput) {
    return this.territory.createBuilding(input);
  }

  @ResolveField(() => Compound)
  compound(@Parent() building: BuildingDocument, @Context() { loaders }: GraphQLRequestContext) {
    return this.territory.load(loaders, this.territory.compounds, building.compoundId);
  }

  @ResolveField(() => HouseholdConnection)
  households(@Parent() building: BuildingDocument, @Args() args: ConnectionArgs, @Context() { loaders }: GraphQLRequestContext) {
    return this.territory.householdsOf(loaders, building.id, args);
  }

  @ResolveReference()
  resolveReference(@Parent() reference: { id: string }, @ReferenceContext() { loaders }: GraphQLRequestContext) {
    return this.territory.load(loaders, this.territory.buildings, reference.id);
  }
}

@Resolver(() => Household)
export class HouseholdResolver {
  constructor(private readonly territory: TerritoryService) {}

  @Query(() => Household, { nullable: true })
  household(@Args() { id }: IdArgs, @Context() { loaders }: GraphQLRequestContext) {
    return this.territory.load(loaders, this.territory.households, id);
  }

  @Mutation(() => Household)
  registerHousehold(@Args('input') input: RegisterHouseholdInput) {
    return this.territory.registerHousehold(input);
  }

  @ResolveField(() => Building)
  building(@Parent() household: HouseholdDocument, @Context() { loaders }: GraphQLRequestContext) {
    return this.territory.load(loaders, this.territory.buildings, household.buildingId);
  }

  @ResolveField(() => ResidentConnection, { description: 'Who lives there now.' })
  residents(@Parent() household: HouseholdDocument, @Args() args: ConnectionArgs, @Context() { loaders }: GraphQLRequestContext) {
    return this.territory.residentsOf(loaders, household.id, args);
  }

  @ResolveReference()
  resolveReference(@Parent() reference: { id: string }, @ReferenceContext() { loaders }: GraphQLRequestContext) {
    return this.territory.load(loaders, this.territory.households, reference.id);
  }
}

@Resolver(() => Resident)
export class ResidentResolver {
  constructor(private readonly territory: TerritoryService) {}

  @Query(() => Resident, { nullable: true })
  resident(@Args() { id }: IdArgs, @Context() { loaders }: GraphQLRequestContext) {
    return this.territory.load(loaders, this.territory.residents, id);
  }

  @Query(() => ResidentConnection, { description: 'Residents living there now, by name.' })
  residents(@Args() args: ResidentsArgs) {
    return this.territory.listResidents(args);
  }

  @Mutation(() => Resident)
  moveResidentIn(@Args('input') input: MoveResidentInInput) {
    return this.territory.moveIn(input);
  }

  @Mutation(() => Resident)
  moveResidentOut(@Args() { id }: IdArgs) {
    return this.territory.moveOut(id);
  }

  @ResolveField(() => String, { nullable: true, description: 'e.g. 139****5678.' })
  phoneMasked(@Parent() resident: ResidentDocument) {
    return resident.phone ? `${resident.phone.slice(0, 3)}****${resident.phone.slice(-4)}` : null;
  }

  @ResolveField(() => Household)
  household(@Parent() resident: ResidentDocument, @Context() { loaders }: GraphQLRequestContext) {
    return this.territory.load(loaders, this.territory.households, resident.householdId);
  }

  @ResolveReference()
  resolveReference(@Parent() reference: { id: string }, @ReferenceContext() { loaders }: GraphQLRequestContext) {
    return this.territory.load(loaders, this.territory.residents, reference.id);
  }
}
