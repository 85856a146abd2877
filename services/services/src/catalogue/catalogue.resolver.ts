import {
  ConnectionArgs,
  GraphQLRequestContext,
  Public,
  requirePermission,
  IdArgs,
  nullWhileDown,
  reference,
} from '@gongzhi/platform';
import { Args, Context, Mutation, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import { isChildUnder14 } from '../organization-copy/age-band';
import { CareProvider, CareProviderDocument } from '../providers/care-provider.schema';
import { CareProviderConnection } from '../providers/providers.types';
import { ProvidersService } from '../providers/providers.service';
import { Community, PartnerUnit } from '../organization-copy/organization.types';
import { CareDomain, CareItem, CareItemDocument, Eligibility, domainOf } from './care-item.schema';
import { mayCurateCatalogueIn } from './catalogue.access';
import { CareItemFilterArgs, CareItemsArgs, CreateCareItemInput, SetCareItemProvidersInput } from './catalogue.inputs';
import { CatalogueService } from './catalogue.service';
import { CareItemConnection, CreateCareItemPayload, SetCareItemProvidersPayload } from './catalogue.types';

/** The catalogue is public: anyone may see what a community offers, from whom, for whom and at what cost. */
@Resolver(() => CareItem)
export class CareItemResolver {
  constructor(
    private readonly catalogue: CatalogueService,
    private readonly careProviders: ProvidersService,
  ) {}

  @Public()
  @Query(() => CareItem, { nullable: true, description: 'A care item by id; null when unknown.' })
  careItem(@Args() { id }: IdArgs, @Context() { loaders }: GraphQLRequestContext) {
    return this.catalogue.load(loaders, id);
  }

  @Public()
  @Query(() => CareItemConnection, {
    nullable: true,
    description: nullWhileDown('Care items by name, optionally of one community, category or domain.', 'services'),
  })
  careItems(@Args() args: CareItemsArgs, @Context() { loaders }: GraphQLRequestContext) {
    return this.catalogue.list(loaders, args);
  }

  @Mutation(() => CreateCareItemPayload, {
    description:
      "Adds an item to a community's care catalogue.\nThe community secretary, or street staff covering the community.",
  })
  async createCareItem(
    @Args('input', { description: "The new item of the community's care catalogue." }) input: CreateCareItemInput,
    @Context() { loaders }: GraphQLRequestContext,
  ) {
    requirePermission(mayCurateCatalogueIn(input.communityId));
    return { careItem: await this.catalogue.create(loaders, input) };
  }

  @Mutation(() => SetCareItemProvidersPayload, {
    description: "Replaces the item's providers.\nThe community secretary, or street staff covering the community.",
  })
  async setCareItemProviders(
    @Args('input', { description: 'The item and its providers from now on.' }) input: SetCareItemProvidersInput,
    @Context() { loaders }: GraphQLRequestContext,
  ) {
    const item = await this.catalogue.require(loaders, input.itemId);
    requirePermission(mayCurateCatalogueIn(String(item.communityId)));
    return { careItem: await this.catalogue.setProviders(loaders, item, input) };
  }

  @Public()
  @ResolveField(() => CareDomain, { description: "Elder care or childcare, as follows from the item's category." })
  domain(@Parent() item: CareItemDocument) {
    return domainOf(item.category);
  }

  @Public()
  @ResolveField(() => Community, {
    nullable: true,
    description: nullWhileDown('The community (社区) whose catalogue the item is in.', 'organization'),
  })
  community(@Parent() item: CareItemDocument) {
    return reference(item.communityId);
  }

  @Public()
  @ResolveField(() => CareProviderConnection, {
    description: 'Who takes orders or bookings for it, in the order the catalogue lists them.',
  })
  providers(
    @Parent() item: CareItemDocument,
    @Args() page: ConnectionArgs,
    @Context() { loaders }: GraphQLRequestContext,
  ) {
    return this.careProviders.listed(loaders, item.providerIds, page);
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
