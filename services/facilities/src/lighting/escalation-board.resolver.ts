import { type GraphQLRequestContext, nullWhileDown, type RequestLoaders, requirePermission } from '@gongzhi/platform';
import { Args, Context, Mutation, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import { PartnerUnit } from '../organization-copy/partner-unit.types';
import { PlaceKind } from '../organization-copy/known-place.schema';
import { TerritoryService } from '../organization-copy/territory.service';
import { stub } from '../organization-copy/territory.types';
import { EscalationBoardService } from './escalation-board.service';
import {
  LampFaultEscalationBoardArgs,
  LampFaultEscalationCard,
  LampFaultEscalationCardConnection,
  RunLampFaultEscalationSweepInput,
  RunLampFaultEscalationSweepPayload,
  SetLampFaultSlaInput,
  SetLampFaultSlaPayload,
} from './escalation-board.types';
import { FaultEscalationService } from './fault-escalation.service';
import { LampFaultSlasService } from './lamp-fault-slas.service';
import { LampWorkOrdersService } from './lamp-work-orders.service';
import {
  managedPlacesFilter,
  mayManageWorkOrdersAt,
  mayRecordDepartmentReportAt,
  maySetFaultSlas,
} from './lighting.access';

type PlaceCheck = (place: { communityId: unknown; compoundId?: unknown; buildingId?: unknown }) => boolean;

/**
 * 社区呼叫 → 街道吹哨 → 部门报到 made visible: the board of open faults by stage, the sweep an operator runs now, and
 * the SLA hours that start it.
 */
@Resolver(() => LampFaultEscalationCard)
export class LampFaultEscalationResolver {
  constructor(
    private readonly board: EscalationBoardService,
    private readonly escalation: FaultEscalationService,
    private readonly slas: LampFaultSlasService,
    private readonly territory: TerritoryService,
    private readonly workOrders: LampWorkOrdersService,
  ) {}

  @Query(() => LampFaultEscalationCardConnection, {
    nullable: true,
    description:
      nullWhileDown(
        'The escalation board: the open lamp faults of a community, compound or building, the oldest report first, each with its stage (社区呼叫 → 街道吹哨 → 部门报到), since when and who must report in; without placeId, of every place the caller manages.',
        'facilities',
      ) + '\nStreet staff, the community secretary or a grid worker covering the place.',
  })
  async lampFaultEscalationBoard(
    @Args() { placeId, ...args }: LampFaultEscalationBoardArgs,
    @Context() { loaders }: GraphQLRequestContext,
  ) {
    const within = placeId ? await this.checkedPlace(loaders, placeId, mayManageWorkOrdersAt) : managedPlacesFilter();
    return this.board.list(within, args);
  }

  @Mutation(() => RunLampFaultEscalationSweepPayload, {
    description:
      'Takes now every escalation step due in a place, as the periodic sweep would: a fault past its SLA gets the community call, one called on long enough the street’s whistle.\nStreet staff covering the place.',
  })
  async runLampFaultEscalationSweep(
    @Args('input', { description: 'The place to sweep.' }) { placeId }: RunLampFaultEscalationSweepInput,
    @Context() { loaders }: GraphQLRequestContext,
  ): Promise<RunLampFaultEscalationSweepPayload> {
    const within = await this.checkedPlace(loaders, placeId, mayRecordDepartmentReportAt);
    const escalated = await this.escalation.sweepWhere(within);
    return { escalated: escalated.map((fault) => this.board.cardOf(fault)) };
  }

  @Mutation(() => SetLampFaultSlaPayload, {
    description:
      'Sets the SLA hours of a kind of lamp fault, for every place; open faults of the kind not yet escalated are rescheduled from their report. Recorded as an event naming who changed it.\nStreet staff.',
  })
  async setLampFaultSla(
    @Args('input', { description: 'The kind of fault and its new SLA.' })
    { serviceCode, slaHours }: SetLampFaultSlaInput,
  ): Promise<SetLampFaultSlaPayload> {
    requirePermission(maySetFaultSlas());
    const { service, rescheduledFaults } = await this.slas.set(serviceCode, slaHours);
    return { lampFaultService: service, rescheduledFaults };
  }

  @ResolveField(() => PartnerUnit, {
    nullable: true,
    description: 'The maintenance partner holding the fault’s work order; null while it has none.',
  })
  async partnerUnit(@Parent() card: LampFaultEscalationCard, @Context() { loaders }: GraphQLRequestContext) {
    const order = await this.workOrders.ofFault(loaders, card.fault.id);
    return order && stub(order.partnerUnitId, 'PartnerUnit');
  }

  /** The filter of a community, compound or building the caller passes `may` at. */
  private async checkedPlace(loaders: RequestLoaders, placeId: string, may: PlaceCheck) {
    const place = await this.territory.resolve(loaders, placeId, [
      PlaceKind.COMMUNITY,
      PlaceKind.COMPOUND,
      PlaceKind.BUILDING,
    ]);
    requirePermission(may(place));
    return this.territory.within(loaders, placeId);
  }
}
