import {
  ConnectionArgs,
  GraphQLRequestContext,
  Public,
  requirePermission,
  IdArgs,
  nullWhileDown,
  optionalReference,
  reference,
} from '@gongzhi/platform';
import { Args, Context, Mutation, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import { ResidentDirectory } from '../organization-copy/directory.service';
import { placeOf } from '../organization-copy/place';
import { Community, PartnerUnit, Resident } from '../organization-copy/organization.types';
import { CareProvider, CareProviderDocument } from './care-provider.schema';
import { mayRegisterPartnerProviderIn, mayRegisterVolunteerAt } from './providers.access';
import {
  CareProvidersArgs,
  ProviderKindArgs,
  RegisterPartnerCareProviderInput,
  RegisterVolunteerInput,
} from './providers.inputs';
import { ProvidersService } from './providers.service';
import {
  CareProviderConnection,
  RegisterPartnerCareProviderPayload,
  RegisterVolunteerPayload,
} from './providers.types';

@Resolver(() => CareProvider)
export class CareProviderResolver {
  constructor(
    private readonly providers: ProvidersService,
    private readonly directory: ResidentDirectory,
  ) {}

  @Public()
  @Query(() => CareProvider, { nullable: true, description: 'A care provider by id; null when unknown.' })
  careProvider(@Args() { id }: IdArgs, @Context() { loaders }: GraphQLRequestContext) {
    return this.providers.load(loaders, id);
  }

  @Public()
  @Query(() => CareProviderConnection, {
    nullable: true,
    description: nullWhileDown('Care providers by name, optionally of one community or kind.', 'services'),
  })
  careProviders(@Args() args: CareProvidersArgs, @Context() { loaders }: GraphQLRequestContext) {
    return this.providers.list(loaders, args);
  }

  @Mutation(() => RegisterPartnerCareProviderPayload, {
    description:
      'Makes a co-building partner unit a care provider in a community.\nThe community secretary, or street staff covering the community.',
  })
  async registerPartnerCareProvider(
    @Args('input', { description: 'The partner unit, the community it will serve and how residents see it.' })
    input: RegisterPartnerCareProviderInput,
    @Context() { loaders }: GraphQLRequestContext,
  ) {
    requirePermission(mayRegisterPartnerProviderIn(input.communityId));
    return { careProvider: await this.providers.registerPartner(loaders, input) };
  }

  @Mutation(() => RegisterVolunteerPayload, {
    description:
      'Makes a resident a volunteer provider in the community they live in.\nThe community secretary, street staff or a grid worker covering where the volunteer lives.',
  })
  async registerVolunteer(
    @Args('input', { description: 'The resident volunteering and how residents see them.' })
    input: RegisterVolunteerInput,
    @Context() { loaders }: GraphQLRequestContext,
  ) {
    const volunteer = await this.directory.livingResident(loaders, input.residentId);
    requirePermission(mayRegisterVolunteerAt(placeOf(volunteer)));
    return { careProvider: await this.providers.registerVolunteer(loaders, volunteer, input) };
  }

  @Public()
  @ResolveField(() => Community, {
    nullable: true,
    description: nullWhileDown('The community (社区) the provider takes orders in.', 'organization'),
  })
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
