import {
  Connection,
  ConnectionArgs,
  GraphQLRequestContext,
  Public,
  loadManyById,
  requirePermission,
  IdArgs,
} from '@gongzhi/platform';
import { Args, Context, Mutation, ObjectType, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import { isChildUnder14 } from '../organization-copy/age-band';
import { CareProvider, CareProviderDocument } from '../providers/care-provider.schema';
import { ProvidersService } from '../providers/providers.service';
import { Community, PartnerUnit, reference } from '../organization-copy/organization.types';
import { CareDomain, CareItem, CareItemDocument, Eligibility, domainOf } from './care-item.schema';
import { mayCurateCatalogueIn } from './catalogue.access';
import { CareItemFilterArgs, CareItemsArgs, CreateCareItemInput, SetCareItemProvidersInput } from './catalogue.inputs';
import { CatalogueService } from './catalogue.service';

@ObjectType()
export class CareItemConnection extends Connection(CareItem) {}

/** The catalogue is public: anyone may see what a community offers, from whom, for whom and at what cost. */
@Resolver(() => CareItem)
export class CareItemResolver {
  constructor(
    private readonly catalogue: CatalogueService,
    private readonly careProviders: ProvidersService,
  ) {}

  @Public()
  @Query(() => CareItem, { nullable: true })
  careItem(@Args() { id }: IdArgs, @Context() { loaders }: GraphQLRequestContext) {
    return this.catalogue.load(loaders, id);
  }

  @Public()
  @Query(() => CareItemConnection, {
    description: 'Care items by name, optionally of one community, category or domain.',
  })
  careItems(@Args() args: CareItemsArgs) {
    return this.catalogue.list(args);
  }

  @Mutation(() => CareItem, { description: 'The community secretary, or street staff covering the community.' })
  createCareItem(@Args('input') input: CreateCareItemInput, @Context() { loaders }: GraphQLRequestContext) {
    requirePermission(mayCurateCatalogueIn(input.communityId));
    return this.catalogue.create(loaders, input);
  }

  @Mutation(() => CareItem, {
    description: "Replaces the item's providers. The community secretary, or street staff covering the community.",
  })
  async setCareItemProviders(
    @Args('input') input: SetCareItemProvidersInput,
    @Context() { loaders }: GraphQLRequestContext,
  ) {
    const item = await this.catalogue.require(loaders, input.itemId);
    requirePermission(mayCurateCatalogueIn(String(item.communityId)));
    return this.catalogue.setProviders(loaders, item, input);
  }

  @Public()
  @ResolveField(() => CareDomain)
  domain(@Parent() item: CareItemDocument) {
    return domainOf(item.category);
  }

  @Public()
  @ResolveField(() => Community)
  community(@Parent() item: CareItemDocument) {
    return reference(item.communityId);
  }

  @Public()
  @ResolveField(() => [CareProvider])
  providers(@Parent() item: CareItemDocument, @Context() { loaders }: GraphQLRequestContext) {
    return loadManyById(loaders, this.careProviders.providers, item.providerIds);
  }
}

@Resolver(() => Eligibility)
export class EligibilityResolver {
  @Public()
  @ResolveField(() => Boolean, {
    description: "True when it is for children under 14: each needs a guardian's consent (PIPL art. 31).",
  })
  guardianConsentRequired(@Parent() eligibility: Eligibility) {
    return eligibility.ageBands.some(isChildUnder14);
  }
}

@Resolver(() => Community)
export class CommunityCareItemsResolver {
  constructor(private readonly catalogue: CatalogueService) {}

  @Public()
  @ResolveField(() => CareItemConnection, { nullable: true, description: 'The care catalogue of the community.' })
  careItems(
    @Parent() community: Community,
    @Args() args: CareItemFilterArgs,
    @Context() { loaders }: GraphQLRequestContext,
  ) {
    return this.catalogue.childrenOf(loaders, 'communityId', community.id, args);
  }
}

@Resolver(() => CareProvider)
export class CareProviderItemsResolver {
  constructor(private readonly catalogue: CatalogueService) {}

  @Public()
  @ResolveField(() => CareItemConnection, { description: 'The items it takes orders or bookings for.' })
  items(
    @Parent() provider: CareProviderDocument,
    @Args() args: ConnectionArgs,
    @Context() { loaders }: GraphQLRequestContext,
  ) {
    return this.catalogue.childrenOf(loaders, 'providerIds', provider.id, args);
  }
}

@Resolver(() => PartnerUnit)
export class PartnerUnitCareItemsResolver {
  constructor(private readonly catalogue: CatalogueService) {}

  @Public()
  @ResolveField(() => CareItemConnection, {
    nullable: true,
    description: 'The care items it provides, in every community it serves.',
  })
  careItems(
    @Parent() partner: PartnerUnit,
    @Args() args: CareItemFilterArgs,
    @Context() { loaders }: GraphQLRequestContext,
  ) {
    return this.catalogue.childrenOf(loaders, 'partnerUnitIds', partner.id, args);
  }
}
