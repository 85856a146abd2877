import {
  currentActor,
  GraphQLRequestContext,
  loadManyById,
  requirePermission,
  IdArgs,
  nullWhileDown,
  StepFieldsResolver,
  reference,
} from '@gongzhi/platform';
import { Args, Context, Info, Mutation, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import type { GraphQLResolveInfo } from 'graphql';
import { Types, type QueryFilter } from 'mongoose';
import { residentToCareFor } from '../care-records/arrange-care';
import { CareItem } from '../catalogue/care-item.schema';
import { CatalogueService } from '../catalogue/catalogue.service';
import { PlaceKind } from '../organization-copy/directory.schema';
import { ResidentDirectory } from '../organization-copy/directory.service';
import { inside, type KnownPlace, placeOf } from '../organization-copy/place';
import { CareProvider } from '../providers/care-provider.schema';
import { ProvidersService } from '../providers/providers.service';
import { CareRecipient, Community, Resident } from '../organization-copy/organization.types';
import { CareReadAudit } from '../sensitive-reads/care-read-audit';
import { CareOrder, CareOrderDocument } from './care-order.schema';
import { CareOrderAction, actionsFrom } from './care-order.steps';
import {
  isOfHousehold,
  mayCancel,
  mayHandleAsProvider,
  mayOverrideVisitTime,
  mayRate,
  mayReadCare,
  CARE_READERS,
  careListFilter,
  reachesPlace,
} from '../care-records/care-records.access';
import {
  AcceptCareOrderInput,
  CancelCareOrderInput,
  CareOrdersArgs,
  CompleteCareOrderInput,
  DeclineCareOrderInput,
  OrderFilterArgs,
  PlaceCareOrderInput,
  RateCareOrderInput,
  ScheduleCareOrderInput,
} from './orders.inputs';
import { OrdersService } from './orders.service';
import {
  AcceptCareOrderPayload,
  CancelCareOrderPayload,
  CareOrderConnection,
  CareOrderStepConnection,
  CompleteCareOrderPayload,
  DeclineCareOrderPayload,
  PlaceCareOrderPayload,
  RateCareOrderPayload,
  ScheduleCareOrderPayload,
} from './orders.types';

/** Where a mutation's payload holds the order. */
const PAYLOAD_PATH = ['careOrder'];

/** Orders are personal data: every way to one checks the caller, and a child's order is audited on every read. */
@Resolver(() => CareOrder)
export class CareOrderResolver extends StepFieldsResolver(CareOrder, {
  connection: CareOrderStepConnection,
  actions: CareOrderAction,
  history: (order: CareOrderDocument) => order.history,
  nextSteps: (order: CareOrderDocument) => actionsFrom(order.status),
  descriptions: { nextSteps: 'The steps the order can take next by its status (not whether the caller may).' },
}) {
  constructor(
    private readonly orders: OrdersService,
    private readonly directory: ResidentDirectory,
    private readonly catalogue: CatalogueService,
    private readonly careProviders: ProvidersService,
    private readonly audit: CareReadAudit,
  ) {
    super();
  }

  @Query(() => CareOrder, {
    nullable: true,
    description: 'A care order by id; null when unknown or not the caller’s to see.',
  })
  async careOrder(
    @Args() { id }: IdArgs,
    @Context() { loaders }: GraphQLRequestContext,
    @Info() info: GraphQLResolveInfo,
  ) {
    const order = await this.orders.load(loaders, id);
    // An order that does not exist and one the caller may not see answer alike: null.
    return order && mayReadCare(order) ? this.handOut(order, info) : null;
  }

  @Query(() => CareOrderConnection, {
    nullable: true,
    description:
      'Newest first, inside what the caller may see: the places their roles cover, their household, orders addressed to them as a provider.',
  })
  async careOrders(
    @Args() args: CareOrdersArgs,
    @Context() { loaders }: GraphQLRequestContext,
    @Info() info: GraphQLResolveInfo,
  ) {
    const reach = careListFilter();
    const orders = await this.orders.list(await this.narrowedTo(loaders, args), reach, args);
    await this.audit.childRecords(
      orders.edges.map((edge) => edge.node),
      info,
      'CareOrder',
      ['edges', 'node'],
    );
    return orders;
  }

  @Mutation(() => PlaceCareOrderPayload, {
    description:
      "Orders a care item for a resident.\nThe resident or someone of their household; a grid worker or the community office covering where they live, on the resident's behalf.",
  })
  async placeCareOrder(
    @Args('input', { description: 'The care item, who it is for and, if chosen, the provider.' })
    input: PlaceCareOrderInput,
    @Context() { loaders }: GraphQLRequestContext,
    @Info() info: GraphQLResolveInfo,
  ) {
    const resident = await residentToCareFor(this.directory, loaders, input.residentId);
    const order = await this.orders.place(loaders, resident, input, !isOfHousehold(resident));
    return { careOrder: await this.handOut(order, info, PAYLOAD_PATH) };
  }

  @Mutation(() => AcceptCareOrderPayload, {
    description:
      'Takes the order (接单).\nThe provider it is addressed to: a partner with services:orders:accept, or the volunteer themself.',
  })
  acceptCareOrder(
    @Args('input', { description: 'The order to accept and, for a partner, the volunteer it sends.' })
    input: AcceptCareOrderInput,
    @Context() { loaders }: GraphQLRequestContext,
    @Info() info: GraphQLResolveInfo,
  ) {
    return this.act(
      loaders,
      input.orderId,
      mayHandleAsProvider,
      (order) => this.orders.accept(loaders, order, input),
      info,
    );
  }

  @Mutation(() => DeclineCareOrderPayload, {
    description: 'Turns the order down, with the reason the resident is shown.\nThe provider it is addressed to.',
  })
  declineCareOrder(
    @Args('input', { description: 'The order to decline and why.' }) input: DeclineCareOrderInput,
    @Context() { loaders }: GraphQLRequestContext,
    @Info() info: GraphQLResolveInfo,
  ) {
    return this.act(loaders, input.orderId, mayHandleAsProvider, (order) => this.orders.decline(order, input), info);
  }

  @Mutation(() => ScheduleCareOrderPayload, {
    description: 'Sets when the provider will come.\nThe provider it is addressed to; again to move the visit.',
  })
  scheduleCareOrder(
    @Args('input', { description: 'The order and when the care will be delivered.' }) input: ScheduleCareOrderInput,
    @Context() { loaders }: GraphQLRequestContext,
    @Info() info: GraphQLResolveInfo,
  ) {
    return this.act(loaders, input.orderId, mayHandleAsProvider, (order) => this.orders.schedule(order, input), info);
  }

  @Mutation(() => CompleteCareOrderPayload, {
    description:
      "Records the visit that delivered the order, starting no earlier than it was scheduled for.\nThe provider, or the volunteer who made the visit; a volunteer's visit is credited to the time bank. A visit before its scheduled time: the community secretary, with an override and its reason.",
  })
  completeCareOrder(
    @Args('input', { description: 'The order and the log of the visit that delivered it.' })
    input: CompleteCareOrderInput,
    @Context() { loaders }: GraphQLRequestContext,
    @Info() info: GraphQLResolveInfo,
  ) {
    const may = input.override ? mayOverrideVisitTime : mayHandleAsProvider;
    return this.act(loaders, input.orderId, may, (order) => this.orders.complete(order, input), info);
  }

  @Mutation(() => RateCareOrderPayload, {
    description:
      'Rates the delivered order (民事民评).\nThe resident or their household, or whoever ordered it on their behalf.',
  })
  rateCareOrder(
    @Args('input', { description: "The order and the resident's rating of it." }) input: RateCareOrderInput,
    @Context() { loaders }: GraphQLRequestContext,
    @Info() info: GraphQLResolveInfo,
  ) {
    return this.act(loaders, input.orderId, mayRate, (order) => this.orders.rate(order, input), info);
  }

  @Mutation(() => CancelCareOrderPayload, {
    description:
      'Cancels an order not yet delivered.\nThe resident or their household, a grid worker or the community office covering them, or the provider.',
  })
  cancelCareOrder(
    @Args('input', { description: 'The order to cancel and why.' }) input: CancelCareOrderInput,
    @Context() { loaders }: GraphQLRequestContext,
    @Info() info: GraphQLResolveInfo,
  ) {
    return this.act(loaders, input.orderId, mayCancel, (order) => this.orders.cancel(order, input), info);
  }

  @ResolveField(() => CareItem, { description: 'The care item ordered.' })
  item(@Parent() order: CareOrderDocument, @Context() { loaders }: GraphQLRequestContext) {
    return this.catalogue.load(loaders, order.itemId);
  }

  @ResolveField(() => CareProvider, { description: 'Who it is addressed to.' })
  provider(@Parent() order: CareOrderDocument, @Context() { loaders }: GraphQLRequestContext) {
    return this.careProviders.load(loaders, order.providerId);
  }

  @ResolveField(() => CareProvider, {
    nullable: true,
    description: 'The volunteer who delivers it: the provider itself, or the one a partner sends.',
  })
  volunteer(@Parent() order: CareOrderDocument, @Context() { loaders }: GraphQLRequestContext) {
    return this.careProviders.load(loaders, order.volunteerId);
  }

  @ResolveField(() => Resident, {
    nullable: true,
    description:
      'Who the care is for, as the resident’s own record: null (FORBIDDEN) for a provider, which reads recipient instead.',
  })
  resident(@Parent() order: CareOrderDocument) {
    return reference(order.residentId);
  }

  @ResolveField(() => CareRecipient, {
    nullable: true,
    description:
      'Who the care is for, as the provider delivering it sees them: name, address, a contact number (masked without the resident’s consent); every read audited. For the provider and the volunteer it sends while the order is open.',
  })
  recipient(@Parent() order: CareOrderDocument) {
    return reference(order.id);
  }

  @ResolveField(() => Community, {
    nullable: true,
    description: nullWhileDown('Where the resident lives.', 'organization'),
  })
  community(@Parent() order: CareOrderDocument) {
    return reference(order.communityId);
  }

  /** A step of an order's state machine, answered as its payload. */
  private async act(
    loaders: GraphQLRequestContext['loaders'],
    orderId: string,
    may: (order: CareOrderDocument) => boolean,
    step: (order: CareOrderDocument) => Promise<CareOrderDocument>,
    info: GraphQLResolveInfo,
  ) {
    const order = await this.orders.require(loaders, orderId);
    requirePermission(may(order));
    return { careOrder: await this.handOut(await step(order), info, PAYLOAD_PATH) };
  }

  /**
   * Every single order leaves through here: checked against the policy, and audited when it is a child's. `path`
   * leads from the resolver's field to the order (a payload's `careOrder`).
   */
  private async handOut(order: CareOrderDocument, info: GraphQLResolveInfo, path: readonly string[] = []) {
    requirePermission(mayReadCare(order));
    await this.audit.childRecords([order], info, 'CareOrder', path);
    return order;
  }

  /**
   * The list's own filters. Naming a place the caller's roles do not reach is FORBIDDEN rather than an empty list; a
   * community or compound is reached too through a compound or building of it a grant lists (3幢 lies in 淞源社区).
   */
  private async narrowedTo(
    loaders: GraphQLRequestContext['loaders'],
    { placeId, providerId }: CareOrdersArgs,
  ): Promise<QueryFilter<CareOrder>> {
    const filter: QueryFilter<CareOrder> = {};
    if (placeId) {
      const place = await this.directory.requirePlace(loaders, placeId);
      requirePermission(reachesPlace(placeOf(place)) || (await this.listsPlaceIn(loaders, place)));
      Object.assign(filter, inside(place));
    }
    if (providerId) filter.providerId = new Types.ObjectId(providerId);
    return filter;
  }

  /** Whether a grant of the caller lists a compound or building that lies inside `place`. */
  private async listsPlaceIn(loaders: GraphQLRequestContext['loaders'], place: KnownPlace): Promise<boolean> {
    if (place.buildingId) return false;
    const grants = currentActor().roles.filter((grant) => CARE_READERS.includes(grant.role));
    const listed = grants.flatMap(({ jurisdiction }) => [...jurisdiction.compoundIds, ...jurisdiction.buildingIds]);
    const places = await loadManyById(loaders, this.directory.places, listed);
    return places.some((listedPlace) =>
      place.compoundId
        ? listedPlace.kind === PlaceKind.BUILDING && place.compoundId.equals(listedPlace.compoundId)
        : place.communityId.equals(listedPlace.communityId),
    );
  }
}

@Resolver(() => Resident)
export class ResidentCareOrdersResolver {
  constructor(
    private readonly orders: OrdersService,
    private readonly audit: CareReadAudit,
  ) {}

  @ResolveField(() => CareOrderConnection, {
    nullable: true,
    description: "The resident's care orders the caller may see, newest first.",
  })
  async careOrders(
    @Parent() resident: Resident,
    @Args() args: OrderFilterArgs,
    @Context() { loaders }: GraphQLRequestContext,
    @Info() info: GraphQLResolveInfo,
  ) {
    const orders = await this.orders.ofResident(loaders, resident.id, careListFilter(), args);
    await this.audit.childRecords(
      orders.edges.map((edge) => edge.node),
      info,
      'CareOrder',
      ['edges', 'node'],
    );
    return orders;
  }
}
