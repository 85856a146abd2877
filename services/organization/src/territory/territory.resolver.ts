import {
  cacheHint,
  ConnectionArgs,
  dontCache,
  GraphQLRequestContext,
  IdArgs,
  Public,
  ReferenceContext,
  ReferenceInfo,
  requirePermission,
  nullWhileDown,
  visibleOrNull,
} from '@gongzhi/platform';
import {
  Args,
  Context,
  Directive,
  Info,
  Mutation,
  Parent,
  Query,
  ResolveField,
  Resolver,
  ResolveReference,
} from '@nestjs/graphql';
import type { GraphQLResolveInfo } from 'graphql';
import { PersonalDataCipher } from '../personal-data/personal-data-cipher';
import { openResidentContact } from '../personal-data/resident-contact';
import { maskIdNumber, maskPhone } from './resident-id-number';
import { ResidentReadAudit } from './resident-read-audit';
import {
  householdsOfBuildingFilter,
  mayBuildIn,
  mayCreateCommunity,
  mayReadHousehold,
  mayReadIdNumber,
  mayReadPhone,
  mayReadResident,
  mayRegisterPeopleAt,
  placeOf,
  placeOfBuilding,
  placeOfCompound,
  residentListReach,
  residentsOfHouseholdFilter,
} from './territory.access';
import {
  ChangeHouseholdOwnersInput,
  CommunitiesArgs,
  CreateBuildingInput,
  CreateCommunityInput,
  CreateCompoundInput,
  MoveResidentInInput,
  MoveResidentOutInput,
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
import {
  BuildingConnection,
  ChangeHouseholdOwnersPayload,
  CommunityConnection,
  CompoundConnection,
  CreateBuildingPayload,
  CreateCommunityPayload,
  CreateCompoundPayload,
  HouseholdConnection,
  MoveResidentInPayload,
  MoveResidentOutPayload,
  RegisterHouseholdPayload,
  ResidentConnection,
} from './territory.types';

/** Communities, compounds and buildings are public: names and the shape of the territory, no people. */
@Resolver(() => Community)
export class CommunityResolver {
  constructor(private readonly territory: TerritoryService) {}

  @Public()
  @Query(() => Community, { nullable: true, description: 'A community (社区) by its id; null when there is none.' })
  community(@Args() { id }: IdArgs, @Context() { loaders }: GraphQLRequestContext) {
    return this.territory.load(loaders, this.territory.communities, id);
  }

  @Public()
  @Directive(cacheHint())
  @Query(() => CommunityConnection, {
    nullable: true,
    description: nullWhileDown('Communities by name, optionally of one type.', 'organization'),
  })
  communities(@Args() args: CommunitiesArgs, @Info() info: GraphQLResolveInfo) {
    // A community's type is set without an event (setCommunityProfileType): a list by type is never kept.
    if (args.profileTypeId) dontCache(info);
    return this.territory.listCommunities(args);
  }

  @Mutation(() => CreateCommunityPayload, { description: 'Registers a community (社区).\nStreet staff.' })
  async createCommunity(
    @Args('input', { description: 'The community (社区) to create.' }) input: CreateCommunityInput,
  ): Promise<CreateCommunityPayload> {
    requirePermission(mayCreateCommunity());
    return { community: await this.territory.createCommunity(input) };
  }

  @Public()
  @ResolveField(() => CompoundConnection, { description: "The community's compounds (小区), a page at a time." })
  compounds(
    @Parent() community: CommunityDocument,
    @Args() args: ConnectionArgs,
    @Context() { loaders }: GraphQLRequestContext,
  ) {
    return this.territory.compoundsOf(loaders, community.id, args);
  }

  @Public()
  @ResolveReference()
  resolveReference(@Parent() reference: { id: string }, @ReferenceContext() { loaders }: GraphQLRequestContext) {
    return this.territory.load(loaders, this.territory.communities, reference.id);
  }
}

@Resolver(() => Compound)
export class CompoundResolver {
  constructor(private readonly territory: TerritoryService) {}

  @Public()
  @Query(() => Compound, { nullable: true, description: 'A compound (小区) by its id; null when there is none.' })
  compound(@Args() { id }: IdArgs, @Context() { loaders }: GraphQLRequestContext) {
    return this.territory.load(loaders, this.territory.compounds, id);
  }

  @Mutation(() => CreateCompoundPayload, {
    description: 'Registers a compound (小区) in a community.\nStreet staff covering the community.',
  })
  async createCompound(
    @Args('input', { description: 'The compound (小区) to create, in its community.' }) input: CreateCompoundInput,
  ): Promise<CreateCompoundPayload> {
    requirePermission(mayBuildIn({ communityId: input.communityId }));
    return { compound: await this.territory.createCompound(input) };
  }

  @Public()
  @ResolveField(() => Community, { description: 'The community (社区) the compound belongs to.' })
  community(@Parent() compound: CompoundDocument, @Context() { loaders }: GraphQLRequestContext) {
    return this.territory.load(loaders, this.territory.communities, compound.communityId);
  }

  @Public()
  @ResolveField(() => BuildingConnection, { description: "The compound's buildings (楼栋), a page at a time." })
  buildings(
    @Parent() compound: CompoundDocument,
    @Args() args: ConnectionArgs,
    @Context() { loaders }: GraphQLRequestContext,
  ) {
    return this.territory.buildingsOf(loaders, compound.id, args);
  }

  @Public()
  @ResolveReference()
  resolveReference(@Parent() reference: { id: string }, @ReferenceContext() { loaders }: GraphQLRequestContext) {
    return this.territory.load(loaders, this.territory.compounds, reference.id);
  }
}

@Resolver(() => Building)
export class BuildingResolver {
  constructor(private readonly territory: TerritoryService) {}

  @Public()
  @Query(() => Building, { nullable: true, description: 'A building (楼栋) by its id; null when there is none.' })
  building(@Args() { id }: IdArgs, @Context() { loaders }: GraphQLRequestContext) {
    return this.territory.load(loaders, this.territory.buildings, id);
  }

  @Mutation(() => CreateBuildingPayload, {
    description: 'Registers a building (楼栋) in a compound.\nStreet staff covering the compound.',
  })
  async createBuilding(
    @Args('input', { description: 'The building (楼栋) to create, in its compound.' }) input: CreateBuildingInput,
    @Context() { loaders }: GraphQLRequestContext,
  ): Promise<CreateBuildingPayload> {
    const compound = await this.territory.load(loaders, this.territory.compounds, input.compoundId);
    requirePermission(mayBuildIn(compound && placeOfCompound(compound)));
    return { building: await this.territory.createBuilding(input) };
  }

  @Public()
  @ResolveField(() => Compound, { description: 'The compound (小区) the building stands in.' })
  compound(@Parent() building: BuildingDocument, @Context() { loaders }: GraphQLRequestContext) {
    return this.territory.load(loaders, this.territory.compounds, building.compoundId);
  }

  @ResolveField(() => HouseholdConnection, {
    nullable: true,
    description:
      'Staff covering the building, partners with organization:households:read; a resident sees only their own household.',
  })
  households(
    @Parent() building: BuildingDocument,
    @Args() args: ConnectionArgs,
    @Context() { loaders }: GraphQLRequestContext,
  ) {
    return this.territory.householdsOf(
      loaders,
      building.id,
      args,
      householdsOfBuildingFilter(placeOfBuilding(building)),
    );
  }

  @Public()
  @ResolveReference()
  resolveReference(@Parent() reference: { id: string }, @ReferenceContext() { loaders }: GraphQLRequestContext) {
    return this.territory.load(loaders, this.territory.buildings, reference.id);
  }
}

/** Households and residents are personal data: every way to one checks the caller against the policies. */
@Resolver(() => Household)
export class HouseholdResolver {
  constructor(
    private readonly territory: TerritoryService,
    private readonly reads: ResidentReadAudit,
  ) {}

  @Query(() => Household, {
    nullable: true,
    description: 'A household (户) by its id; null when there is none or the caller may not see it.',
  })
  async household(@Args() { id }: IdArgs, @Context() { loaders }: GraphQLRequestContext) {
    return visibleOrNull(await this.territory.load(loaders, this.territory.households, id), (household) =>
      mayReadHousehold(household),
    );
  }

  @Mutation(() => RegisterHouseholdPayload, {
    description:
      'Registers a household (户) in a building, with its owners.\nThe community secretary or a grid worker covering the building.',
  })
  async registerHousehold(
    @Args('input', { description: 'The household (户) to register: its building, door, floor area and owners.' })
    input: RegisterHouseholdInput,
    @Context() { loaders }: GraphQLRequestContext,
  ): Promise<RegisterHouseholdPayload> {
    const building = await this.territory.load(loaders, this.territory.buildings, input.buildingId);
    requirePermission(mayRegisterPeopleAt(building && placeOfBuilding(building)));
    return { household: await this.territory.registerHousehold(input) };
  }

  @Mutation(() => ChangeHouseholdOwnersPayload, {
    description:
      "Replaces a household's owners with the property register's new list (a sale, an inheritance, a co-owner added), each a registered resident or a name; announced as org.household.ownership-changed, which owners' rolls follow until a vote opens.\nThe community secretary or a grid worker covering the household.",
  })
  async changeHouseholdOwners(
    @Args('input', { description: 'The household (户) and its owners now.' }) input: ChangeHouseholdOwnersInput,
    @Context() { loaders }: GraphQLRequestContext,
  ): Promise<ChangeHouseholdOwnersPayload> {
    const household = await this.territory.load(loaders, this.territory.households, input.householdId);
    requirePermission(mayRegisterPeopleAt(household && placeOf(household)));
    return { household: await this.territory.changeOwners(input) };
  }

  @ResolveField(() => Building, { description: 'The building (楼栋) the household is in.' })
  building(@Parent() household: HouseholdDocument, @Context() { loaders }: GraphQLRequestContext) {
    return this.territory.load(loaders, this.territory.buildings, household.buildingId);
  }

  @ResolveField(() => ResidentConnection, { nullable: true, description: 'Who lives there now.' })
  async residents(
    @Parent() household: HouseholdDocument,
    @Args() args: ConnectionArgs,
    @Context() { loaders }: GraphQLRequestContext,
    @Info() info: GraphQLResolveInfo,
  ) {
    const residents = await this.territory.residentsOf(
      loaders,
      household.id,
      args,
      residentsOfHouseholdFilter(household),
    );
    await this.reads.recordReads(
      residents.edges.map((edge) => edge.node),
      info,
      ['edges', 'node'],
    );
    return residents;
  }

  @ResolveReference()
  async resolveReference(@Parent() reference: { id: string }, @ReferenceContext() { loaders }: GraphQLRequestContext) {
    return visibleHousehold(await this.territory.load(loaders, this.territory.households, reference.id));
  }
}

@Resolver(() => Resident)
export class ResidentResolver {
  constructor(
    private readonly territory: TerritoryService,
    private readonly reads: ResidentReadAudit,
    private readonly cipher: PersonalDataCipher,
  ) {}

  @Query(() => Resident, {
    nullable: true,
    description: 'A resident by their id; null when there is none or the caller may not see them.',
  })
  async resident(
    @Args() { id }: IdArgs,
    @Context() { loaders }: GraphQLRequestContext,
    @Info() info: GraphQLResolveInfo,
  ) {
    const resident = visibleOrNull(await this.territory.load(loaders, this.territory.residents, id), (found) =>
      mayReadResident(found),
    );
    return this.handOut(resident, info);
  }

  @Query(() => ResidentConnection, {
    nullable: true,
    description: 'Residents living there now, by name, inside what the caller may see.',
  })
  async residents(
    @Args() args: ResidentsArgs,
    @Context() { loaders }: GraphQLRequestContext,
    @Info() info: GraphQLResolveInfo,
  ) {
    const residents = await this.territory.listResidents(loaders, args, residentListReach(undefined, args));
    await this.reads.recordReads(
      residents.edges.map((edge) => edge.node),
      info,
      ['edges', 'node'],
    );
    return residents;
  }

  @Mutation(() => MoveResidentInPayload, {
    description:
      'Registers a person as living in a household.\nThe community secretary or a grid worker covering the household.',
  })
  async moveResidentIn(
    @Args('input', { description: 'The household and the resident moving into it.' }) input: MoveResidentInInput,
    @Info() info: GraphQLResolveInfo,
  ): Promise<MoveResidentInPayload> {
    // Not through the request's loader: moving in as owner may link the household's owners, and the answer's
    // resident.household must show them as they are after the move, not as cached before it.
    const household = await this.territory.households.findById(input.householdId).exec();
    requirePermission(mayRegisterPeopleAt(household && placeOf(household)));
    return { resident: (await this.handOut(await this.territory.moveIn(input), info, ['resident']))! };
  }

  @Mutation(() => MoveResidentOutPayload, {
    description:
      'Records that a resident has moved out; the record stays for history.\nThe community secretary or a grid worker covering the resident.',
  })
  async moveResidentOut(
    @Args('input', { description: 'The resident moving out.' }) { residentId }: MoveResidentOutInput,
    @Context() { loaders }: GraphQLRequestContext,
    @Info() info: GraphQLResolveInfo,
  ): Promise<MoveResidentOutPayload> {
    const resident = await this.territory.load(loaders, this.territory.residents, residentId);
    requirePermission(mayRegisterPeopleAt(resident && placeOf(resident)));
    return { resident: (await this.handOut(await this.territory.moveOut(residentId), info, ['resident']))! };
  }

  @ResolveField(() => String, {
    nullable: true,
    description:
      'The whole number: the community secretary, grid workers and building group leaders covering the resident, and the resident themself.',
  })
  phone(@Parent() resident: ResidentDocument) {
    requirePermission(mayReadPhone(resident));
    return openResidentContact(this.cipher, resident, 'phone');
  }

  @ResolveField(() => String, { nullable: true, description: 'e.g. 139****5678.' })
  phoneMasked(@Parent() resident: ResidentDocument) {
    const phone = openResidentContact(this.cipher, resident, 'phone');
    return phone ? maskPhone(phone) : null;
  }

  @ResolveField(() => String, {
    nullable: true,
    description:
      'The whole 居民身份证 number: the community secretary covering the resident, and the resident themself.',
  })
  idNumber(@Parent() resident: ResidentDocument) {
    requirePermission(mayReadIdNumber(resident));
    return openResidentContact(this.cipher, resident, 'idNumber');
  }

  @ResolveField(() => String, { nullable: true, description: 'e.g. 3205**********1234.' })
  idNumberMasked(@Parent() resident: ResidentDocument) {
    const idNumber = openResidentContact(this.cipher, resident, 'idNumber');
    return idNumber ? maskIdNumber(idNumber) : null;
  }

  @ResolveField(() => Household, { nullable: true, description: 'The household the resident lives (or lived) in.' })
  async household(@Parent() resident: ResidentDocument, @Context() { loaders }: GraphQLRequestContext) {
    return visibleHousehold(await this.territory.load(loaders, this.territory.households, resident.householdId));
  }

  @ResolveReference()
  async resolveReference(
    @Parent() reference: { id: string },
    @ReferenceContext() { loaders }: GraphQLRequestContext,
    @ReferenceInfo() info: GraphQLResolveInfo,
  ) {
    return this.handOut(await this.territory.load(loaders, this.territory.residents, reference.id), info);
  }

  /** Every single resident leaves through here: checked against the policy, and audited when a child's. */
  private async handOut<R extends Parameters<typeof mayReadResident>[0] & { id: string }>(
    resident: R | null,
    info: GraphQLResolveInfo,
    path: string[] = [],
  ) {
    if (!resident) return null;
    requirePermission(mayReadResident(resident));
    await this.reads.recordReads([resident], info, path);
    return resident;
  }
}

function visibleHousehold<H extends Parameters<typeof mayReadHousehold>[0]>(household: H | null) {
  if (household) requirePermission(mayReadHousehold(household));
  return household;
}
