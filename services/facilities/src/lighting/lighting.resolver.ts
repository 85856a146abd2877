import {
  Connection,
  ConnectionArgs,
  type GraphQLRequestContext,
  Public,
  ReferenceContext,
  requirePermission,
  IdArgs,
} from '@gongzhi/platform';
import {
  Args,
  Context,
  Mutation,
  ObjectType,
  Parent,
  Query,
  ResolveField,
  Resolver,
  ResolveReference,
} from '@nestjs/graphql';
import { recordToChange } from '../shared/record-to-change';
import { PartnerUnit } from '../organization-copy/partner-unit.types';
import { PlaceKind } from '../organization-copy/known-place.schema';
import { InPlaceArgs } from '../organization-copy/place.inputs';
import { TerritoryService } from '../organization-copy/territory.service';
import { Building, Community, Compound, Resident, stub } from '../organization-copy/territory.types';
import { FaultEscalationService } from './fault-escalation.service';
import { LampFault, type LampFaultDocument } from './lamp-fault.schema';
import { LampRenewalProject, type LampRenewalProjectDocument } from './lamp-renewal-project.schema';
import { LampRenewalsService } from './lamp-renewals.service';
import { LAMP_FAULT_SERVICES, LampFaultService } from './lamp-fault-services';
import { LampFaultsService } from './lamp-faults.service';
import { Lamp, type LampDocument } from './lamp.schema';
import { LampWorkOrder, type LampWorkOrderDocument } from './lamp-work-order.schema';
import { LampWorkOrdersService } from './lamp-work-orders.service';
import { LampsService } from './lamps.service';
import {
  mayManageWorkOrdersAt,
  mayReadReporter,
  mayReadWorkOrder,
  mayRecordDepartmentReportAt,
  mayRegisterLampAt,
  mayReportFaults,
  mayWorkOn,
  workOrderListFilter,
} from './lighting.access';
import { LightingErrors } from './lighting.errors';
import {
  AssignLampWorkOrderInput,
  DepartmentReportArgs,
  LampFaultsArgs,
  LampsArgs,
  LampWorkOrdersArgs,
  RegisterLampInput,
  ReportLampFaultInput,
  WorkOrderNoteArgs,
} from './lighting.inputs';

@ObjectType()
export class LampConnection extends Connection(Lamp) {}
@ObjectType()
export class LampFaultConnection extends Connection(LampFault) {}
@ObjectType()
export class LampWorkOrderConnection extends Connection(LampWorkOrder) {}
@ObjectType()
export class LampRenewalProjectConnection extends Connection(LampRenewalProject) {}

/** Lamps are public: where they stand, whether they work. */
@Resolver(() => Lamp)
export class LampResolver {
  constructor(
    private readonly lampsService: LampsService,
    private readonly faultsService: LampFaultsService,
    private readonly territory: TerritoryService,
  ) {}

  @Public()
  @Query(() => Lamp, { nullable: true })
  lamp(@Args() { id }: IdArgs, @Context() { loaders }: GraphQLRequestContext) {
    return this.lampsService.load(loaders, id);
  }

  @Public()
  @Query(() => LampConnection, { description: 'Lamps by asset number, in a community, compound or building.' })
  lamps(@Args() args: LampsArgs, @Context() { loaders }: GraphQLRequestContext) {
    return this.lampsService.list(loaders, args);
  }

  @Public()
  @Query(() => [LampFaultService], {
    description: 'The kinds of fault residents can report, with their SLA (Open311 GET services).',
  })
  lampFaultServices() {
    return LAMP_FAULT_SERVICES;
  }

  @Mutation(() => Lamp, { description: 'Street staff or the community secretary covering the place.' })
  async registerLamp(@Args('input') input: RegisterLampInput, @Context() { loaders }: GraphQLRequestContext) {
    const place = await this.territory.resolve(loaders, input.placeId, [
      PlaceKind.COMMUNITY,
      PlaceKind.COMPOUND,
      PlaceKind.BUILDING,
    ]);
    requirePermission(mayRegisterLampAt(place));
    return this.lampsService.register(input, place);
  }

  @Public()
  @ResolveField(() => Community)
  community(@Parent() lamp: LampDocument) {
    return stub(lamp.communityId, 'Community');
  }

  @Public()
  @ResolveField(() => Compound, { nullable: true })
  compound(@Parent() lamp: LampDocument) {
    return lamp.compoundId && stub(lamp.compoundId, 'Compound');
  }

  @Public()
  @ResolveField(() => Building, { nullable: true })
  building(@Parent() lamp: LampDocument) {
    return lamp.buildingId && stub(lamp.buildingId, 'Building');
  }

  @Public()
  @ResolveField(() => LampFaultConnection, { description: 'Its fault reports, newest first.' })
  faults(@Parent() lamp: LampDocument, @Args() args: ConnectionArgs, @Context() { loaders }: GraphQLRequestContext) {
    return this.faultsService.ofLamp(loaders, lamp.id, args);
  }

  @Public()
  @ResolveReference()
  resolveReference(@Parent() reference: { id: string }, @ReferenceContext() { loaders }: GraphQLRequestContext) {
    return this.lampsService.load(loaders, reference.id);
  }
}

/** Faults are public as Open311 requests are; who reported them and their work orders are not. */
@Resolver(() => LampFault)
export class LampFaultResolver {
  constructor(
    private readonly lampsService: LampsService,
    private readonly faultsService: LampFaultsService,
    private readonly workOrders: LampWorkOrdersService,
    private readonly escalation: FaultEscalationService,
  ) {}

  @Public()
  @Query(() => LampFault, { nullable: true })
  lampFault(@Args() { id }: IdArgs, @Context() { loaders }: GraphQLRequestContext) {
    return this.faultsService.load(loaders, id);
  }

  @Public()
  @Query(() => LampFaultConnection, {
    description: 'Fault reports, newest first, in a community, compound or building.',
  })
  lampFaults(@Args() args: LampFaultsArgs, @Context() { loaders }: GraphQLRequestContext) {
    return this.faultsService.list(loaders, args);
  }

  @Mutation(() => LampFault, { description: 'Any signed-in person (Open311 POST requests); starts the SLA clock.' })
  async reportLampFault(@Args('input') input: ReportLampFaultInput) {
    requirePermission(mayReportFaults());
    const lamp = await recordToChange(this.lampsService.lamps, input.lampId, LightingErrors.lampNotFound);
    return this.faultsService.report(lamp, input);
  }

  @Mutation(() => LampFault, {
    description:
      'Records that the department reported in after the whistle (部门报到): street staff covering the lamp.',
  })
  async recordDepartmentReport(@Args() { faultId, note }: DepartmentReportArgs) {
    const fault = await recordToChange(this.faultsService.faults, faultId, LightingErrors.faultNotFound);
    requirePermission(mayRecordDepartmentReportAt(fault));
    return this.escalation.recordDepartmentReport(fault, note);
  }

  @Public()
  @ResolveField(() => Lamp)
  lamp(@Parent() fault: LampFaultDocument, @Context() { loaders }: GraphQLRequestContext) {
    return this.lampsService.load(loaders, fault.lampId);
  }

  @ResolveField(() => Resident, {
    nullable: true,
    description:
      'The managers of the place and the reporter themself; null when the reporter is no registered resident.',
  })
  reporter(@Parent() fault: LampFaultDocument) {
    requirePermission(mayReadReporter(fault));
    return fault.reporterResidentId && stub(fault.reporterResidentId, 'Resident');
  }

  @ResolveField(() => LampWorkOrder, {
    nullable: true,
    description: 'The managers of the place and the partner it is assigned to.',
  })
  async workOrder(@Parent() fault: LampFaultDocument, @Context() { loaders }: GraphQLRequestContext) {
    const order = await this.workOrders.ofFault(loaders, fault.id);
    if (order) requirePermission(mayReadWorkOrder(order));
    return order;
  }

  @Public()
  @ResolveReference()
  resolveReference(@Parent() reference: { id: string }, @ReferenceContext() { loaders }: GraphQLRequestContext) {
    return this.faultsService.load(loaders, reference.id);
  }
}

@Resolver(() => LampWorkOrder)
export class LampWorkOrderResolver {
  constructor(
    private readonly faultsService: LampFaultsService,
    private readonly workOrders: LampWorkOrdersService,
  ) {}

  @Query(() => LampWorkOrderConnection, {
    nullable: true,
    description:
      'Newest first: the managers’ jurisdiction, or a maintenance partner’s own orders (facilities:lamps:read or :write).',
  })
  lampWorkOrders(@Args() args: LampWorkOrdersArgs) {
    return this.workOrders.list(workOrderListFilter(), args);
  }

  @Mutation(() => LampWorkOrder, {
    description:
      'Gives a fault to a maintenance partner: street staff, the community secretary or a grid worker covering it.',
  })
  async assignLampWorkOrder(@Args('input') input: AssignLampWorkOrderInput) {
    const fault = await recordToChange(this.faultsService.faults, input.faultId, LightingErrors.faultNotFound);
    requirePermission(mayManageWorkOrdersAt(fault));
    return this.workOrders.assign(fault, input);
  }

  @Mutation(() => LampWorkOrder, { description: 'Work under way: the assigned partner with facilities:lamps:write.' })
  async reportLampWorkProgress(@Args() { id, note }: WorkOrderNoteArgs) {
    return this.workOrders.progress(await this.workable(id), note);
  }

  @Mutation(() => LampWorkOrder, {
    description: 'Closes the order and its fault: the assigned partner with facilities:lamps:write.',
  })
  async closeLampWorkOrder(@Args() { id, note }: WorkOrderNoteArgs) {
    return this.workOrders.close(await this.workable(id), note);
  }

  @ResolveField(() => LampFault)
  fault(@Parent() order: LampWorkOrderDocument, @Context() { loaders }: GraphQLRequestContext) {
    return this.faultsService.load(loaders, order.faultId);
  }

  @ResolveField(() => PartnerUnit)
  partnerUnit(@Parent() order: LampWorkOrderDocument) {
    return stub(order.partnerUnitId, 'PartnerUnit');
  }

  @ResolveReference()
  async resolveReference(@Parent() reference: { id: string }, @ReferenceContext() { loaders }: GraphQLRequestContext) {
    const order = await this.workOrders.load(loaders, reference.id);
    if (order) requirePermission(mayReadWorkOrder(order));
    return order;
  }

  private async workable(id: string) {
    const order = await recordToChange(this.workOrders.orders, id, LightingErrors.workOrderNotFound);
    requirePermission(mayWorkOn(order));
    return order;
  }
}

/** Renewal projects are public: residents follow what they decided. */
@Resolver(() => LampRenewalProject)
export class LampRenewalProjectResolver {
  constructor(private readonly renewals: LampRenewalsService) {}

  @Public()
  @Query(() => LampRenewalProject, { nullable: true })
  lampRenewalProject(@Args() { id }: IdArgs, @Context() { loaders }: GraphQLRequestContext) {
    return this.renewals.load(loaders, id);
  }

  @Public()
  @Query(() => LampRenewalProjectConnection, {
    description: 'Newest motion first, in a community, compound or building.',
  })
  lampRenewalProjects(@Args() args: InPlaceArgs, @Context() { loaders }: GraphQLRequestContext) {
    return this.renewals.list(loaders, args);
  }

  @Public()
  @ResolveField(() => [Lamp], { description: 'The lamps to renew, of those the motion named.' })
  lamps(@Parent() project: LampRenewalProjectDocument, @Context() { loaders }: GraphQLRequestContext) {
    return this.renewals.lampsOf(loaders, project);
  }

  @Public()
  @ResolveField(() => Community)
  community(@Parent() project: LampRenewalProjectDocument) {
    return stub(project.communityId, 'Community');
  }

  @Public()
  @ResolveField(() => Compound, { nullable: true })
  compound(@Parent() project: LampRenewalProjectDocument) {
    return project.compoundId && stub(project.compoundId, 'Compound');
  }

  @Public()
  @ResolveReference()
  resolveReference(@Parent() reference: { id: string }, @ReferenceContext() { loaders }: GraphQLRequestContext) {
    return this.renewals.load(loaders, reference.id);
  }
}
