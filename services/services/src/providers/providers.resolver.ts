import {
  Connection,
  ConnectionArgs,
  GraphQLRequestContext,
  Public,
  requirePermission,
  IdArgs,
} from '@gongzhi/platform';
import { Args, Context, Mutation, ObjectType, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import { ResidentDirectory } from '../organization-copy/directory.service';
import { placeOf } from '../organization-copy/place';
import {
  Community,
  PartnerUnit,
  Resident,
  optionalReference,
  reference,
} from '../organization-copy/organization.types';
import { CareProvider, CareProviderDocument } from './care-provider.schema';
import { mayRegisterPartnerProviderIn, mayRegisterVolunteerAt } from './providers.access';
import {
  CareProvidersArgs,
  ProviderKindArgs,
  RegisterPartnerCareProviderInput,
  RegisterVolunteerInput,
} from './providers.inputs';
import { ProvidersService } from './providers.service';

@ObjectType()
export class CareProviderConnection extends Connection(CareProvider) {}

@Resolver(() => CareProvider)
export class CareProviderResolver {
  constructor(
    private readonly providers: ProvidersService,
    private readonly directory: ResidentDirectory,
  ) {}

  @Public()
  @Query(() => CareProvider, { nullable: true })
  careProvider(@Args() { id }: IdArgs, @Context() { loaders }: GraphQLRequestContext) {
    return this.providers.load(loaders, id);
  }

  @Public()
  @Query(() => CareProviderConnection, { description: 'Care providers by name, optionally of one community or kind.' })
  careProviders(@Args() args: CareProvidersArgs) {
    return this.providers.list(args);
  }

  @Mutation(() => CareProvider, { description: 'The community secretary, or street staff covering the community.' })
  registerPartnerCareProvider(
    @Args('input') input: RegisterPartnerCareProviderInput,
    @Context() { loaders }: GraphQLRequestContext,
  ) {
    requirePermission(mayRegisterPartnerProviderIn(input.communityId));
    return this.providers.registerPartner(loaders, input);
  }

  @Mutation(() => CareProvider, {
    description: 'The community secretary, street staff or a grid worker covering where the volunteer lives.',
  })
  async registerVolunteer(@Args('input') input: RegisterVolunteerInput, @Context() { loaders }: GraphQLRequestContext) {
    const volunteer = await this.directory.livingResident(loaders, input.residentId);
    requirePermission(mayRegisterVolunteerAt(placeOf(volunteer)));
    return this.providers.registerVolunteer(loaders, volunteer, input);
  }

  @Public()
  @ResolveField(() => Community)
  community(@Parent() provider: CareProviderDocument) {
    return reference(provider.communityId);
  }

  @Public()
  @ResolveField(() => PartnerUnit, { nullable: true, description: 'PARTNER_UNIT: the co-building partner unit.' })
  partnerUnit(@Parent() provider: CareProviderDocument) {
    return optionalReference(provider.partnerUnitId);
  }

  @ResolveField(() => Resident, {
    nullable: true,
    description: "VOLUNTEER: the volunteer's resident record (what of it a caller sees is organization's rule).",
  })
  volunteer(@Parent() provider: CareProviderDocument) {
    return optionalReference(provider.residentId);
  }

  @Public()
  @ResolveField(() => CareProvider, { nullable: true, description: 'VOLUNTEER: the partner provider that sends them.' })
  coordinator(@Parent() provider: CareProviderDocument, @Context() { loaders }: GraphQLRequestContext) {
    return this.providers.load(loaders, provider.coordinatorId);
  }

  @Public()
  @ResolveField(() => CareProviderConnection, { description: 'PARTNER_UNIT: the volunteers it sends.' })
  volunteers(
    @Parent() provider: CareProviderDocument,
    @Args() args: ConnectionArgs,
    @Context() { loaders }: GraphQLRequestContext,
  ) {
    return this.providers.childrenOf(loaders, 'coordinatorId', provider.id, args);
  }
}

@Resolver(() => Community)
export class CommunityCareProvidersResolver {
  constructor(private readonly providers: ProvidersService) {}

  @Public()
  @ResolveField(() => CareProviderConnection, {
    nullable: true,
    description: 'Who takes care orders in the community.',
  })
  careProviders(
    @Parent() community: Community,
    @Args() { kind, ...page }: ProviderKindArgs,
    @Context() { loaders }: GraphQLRequestContext,
  ) {
    return this.providers.childrenOf(loaders, 'communityId', community.id, page, kind);
  }
}

@Resolver(() => PartnerUnit)
export class PartnerUnitCareProvidersResolver {
  constructor(private readonly providers: ProvidersService) {}

  @Public()
  @ResolveField(() => CareProviderConnection, {
    nullable: true,
    description: 'The care it provides: one provider for each community it serves.',
  })
  careProviders(
    @Parent() partner: PartnerUnit,
    @Args() page: ConnectionArgs,
    @Context() { loaders }: GraphQLRequestContext,
  ) {
    return this.providers.childrenOf(loaders, 'partnerUnitId', partner.id, page);
  }
}
