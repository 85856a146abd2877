import {
  ConnectionArgs,
  type GraphQLRequestContext,
  listConnection,
  Public,
  ReferenceContext,
  requirePermission,
  IdArgs,
  nullWhileDown,
  allowedSteps,
  StepFieldsResolver,
} from '@gongzhi/platform';
import { Args, Context, Mutation, Parent, Query, ResolveField, Resolver, ResolveReference } from '@nestjs/graphql';
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
import { LAMP_RENEWAL_PROJECT_STEPS, LampRenewalProjectAction, lampRenewalProjectHistory } from './lamp-renewal-steps';
import { LampFaultService } from './lamp-fault-services';
import { LampFaultSlasService } from './lamp-fault-slas.service';
import { LampFaultsService } from './lamp-faults.service';
import { Lamp, type LampDocument } from './lamp.schema';
import { LampWorkOrder, type LampWorkOrderDocument } from './lamp-work-order.schema';
import { LampWorkOrdersService } from './lamp-work-orders.service';
import { LampsService } from './lamps.service';
import {
  faultStepsFor,
  mayTakeRenewalStep,
  mayManageWorkOrdersAt,
  mayReadReporter,
  mayReadWorkOrder,
  mayRecordDepartmentReportAt,
  mayRegisterLampAt,
  mayReportFaultOf,
  mayReportFaults,
  mayWorkOn,
  workOrderListFilter,
  workOrderStepsFor,
} from './lighting.access';
import { LightingErrors } from './lighting.errors';
import {
  AcceptLampRenewalProjectInput,
  AssignLampWorkOrderInput,
  CancelLampRenewalProjectInput,
  CloseLampWorkOrderInput,
  LampFaultsArgs,
  LampsArgs,
  LampWorkOrdersArgs,
  ReassignLampWorkOrderInput,
  RecordDepartmentReportInput,
  RegisterLampInput,
  ReportLampFaultInput,
  ReportLampWorkProgressInput,
  StartLampRenewalProjectInput,
  TenderLampRenewalProjectInput,
} from './lighting.inputs';
import { LampFaultAction, LampWorkOrderAction } from './lamp-steps';
import {
  AcceptLampRenewalProjectPayload,
  AssignLampWorkOrderPayload,
  CancelLampRenewalProjectPayload,
  CloseLampWorkOrderPayload,
  LampConnection,
  LampFaultConnection,
  LampFaultStepConnection,
  LampRenewalProjectConnection,
  LampRenewalProjectStepConnection,
  LampWorkOrderConnection,
  LampWorkOrderStepConnection,
  ReassignLampWorkOrderPayload,
  RecordDepartmentReportPayload,
  RegisterLampPayload,
  ReportLampFaultPayload,
  ReportLampWorkProgressPayload,
  StartLampRenewalProjectPayload,
  TenderLampRenewalProjectPayload,
} from './lighting.types';

/** Lamps are public: where they stand, whether they work. */
@Resolver(() => Lamp)
export class LampResolver {
  constructor(
    private readonly lampsService: LampsService,
    private readonly faultsService: LampFaultsService,
    private readonly territory: TerritoryService,
    private readonly slas: LampFaultSlasService,
  ) {}

  @Public()
  @Query(() => Lamp, { nullable: true, description: 'A street lamp by its id; null when there is none.' })
  lamp(@Args() { id }: IdArgs, @Context() { loaders }: GraphQLRequestContext) {
    return this.lampsService.load(loaders, id);
  }

  @Public()
  @Query(() => LampConnection, {
    nullable: true,
    description: nullWhileDown('Lamps by asset number, in a community, compound or building.', 'facilities'),
  })
  lamps(@Args() args: LampsArgs, @Context() { loaders }: GraphQLRequestContext) {
    return this.lampsService.list(loaders, args);
  }

  @Public()
  @Query(() => [LampFaultService], {
    nullable: true,
    description: nullWhileDown(
      'The kinds of fault residents can report, with the SLA in force (Open311 GET services).',
      'facilities',
    ),
  })
  lampFaultServices() {
    return this.slas.services();
  }

  @Mutation(() => RegisterLampPayload, {
    description: 'Puts a street lamp on the map.\nStreet staff or the community secretary covering the place.',
  })
  async registerLamp(
    @Args('input', { description: 'The lamp: its place, asset number and location.' }) input: RegisterLampInput,
    @Context() { loaders }: GraphQLRequestContext,
  ): Promise<RegisterLampPayload> {
    const place = await this.territory.resolve(loaders, input.placeId, [
      PlaceKind.COMMUNITY,
      PlaceKind.COMPOUND,
      PlaceKind.BUILDING,
    ]);
    requirePermission(mayRegisterLampAt(place));
    return { lamp: await this.lampsService.register(input, place) };
  }

  @Public()
  @ResolveField(() => Community, {
    nullable: true,
    description: nullWhileDown('The community the lamp stands in.', 'organization'),
  })
  community(@Parent() lamp: LampDocument) {
    return stub(lamp.communityId, 'Community');
  }

  @Public()
  @ResolveField(() => Compound, { nullable: true, description: 'Its compound; null on a community road.' })
  compound(@Parent() lamp: LampDocument) {
    return lamp.compoundId && stub(lamp.compoundId, 'Compound');
  }

  @Public()
  @ResolveField(() => Building, { nullable: true, description: 'The building it stands beside, when registered so.' })
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
  @Query(() => LampFault, { nullable: true, description: 'A lamp fault report by its id; null when there is none.' })
  lampFault(@Args() { id }: IdArgs, @Context() { loaders }: GraphQLRequestContext) {
    return this.faultsService.load(loaders, id);
  }

  @Public()
  @Query(() => LampFaultConnection, {
    nullable: true,
    description: nullWhileDown('Fault reports, newest first, in a community, compound or building.', 'facilities'),
  })
  lampFaults(@Args() args: LampFaultsArgs, @Context() { loaders }: GraphQLRequestContext) {
    return this.faultsService.list(loaders, args);
  }

  @Mutation(() => ReportLampFaultPayload, {
    description:
      'Reports a fault of a lamp (Open311 POST requests); starts the SLA clock.\nAny signed-in person (the reporter is recorded), or a partner with facilities:lamp-faults:report in its communities.',
  })
  async reportLampFault(
    @Args('input', { description: 'The lamp, the kind of fault (an Open311 service code) and what was seen.' })
    input: ReportLampFaultInput,
  ): Promise<ReportLampFaultPayload> {
    requirePermission(mayReportFaults());
    const lamp = await recordToChange(this.lampsService.lamps, input.lampId, LightingErrors.lampNotFound);
    requirePermission(mayReportFaultOf(lamp));
    return { lampFault: await this.faultsService.report(lamp, input) };
  }

  @Mutation(() => RecordDepartmentReportPayload, {
    description:
      'Records that the department reported in after the whistle (部门报到).\nStreet staff covering the lamp.',
  })
  async recordDepartmentReport(
    @Args('input', { description: 'The fault and what the department reports.' })
    { faultId, note }: RecordDepartmentReportInput,
  ): Promise<RecordDepartmentReportPayload> {
    const fault = await recordToChange(this.faultsService.faults, faultId, LightingErrors.faultNotFound);
    requirePermission(mayRecordDepartmentReportAt(fault));
    return { lampFault: await this.escalation.recordDepartmentReport(fault, note) };
  }

  @Public()
  @ResolveField(() => LampFaultStepConnection, {
    description: 'Every status the request went through, oldest first.',
  })
  history(@Parent() fault: LampFaultDocument, @Args() args: ConnectionArgs) {
    return listConnection(fault.statusHistory, args);
  }

  @Public()
  @ResolveField(() => String, {
    nullable: true,
    description:
      'The note of the latest status change, e.g. the partner’s closing words (Open311 status_notes); null when it had none.',
  })
  statusNotes(@Parent() fault: LampFaultDocument) {
    return fault.statusHistory.at(-1)?.note ?? null;
  }

  @Public()
  @ResolveField(() => [LampFaultAction], {
    description: 'The steps the caller may take on the fault now: show these buttons, no others.',
  })
  nextSteps(@Parent() fault: LampFaultDocument) {
    return faultStepsFor(fault);
  }

  @Public()
  @ResolveField(() => Lamp, { description: 'The lamp at fault.' })
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

  @Mutation(() => AssignLampWorkOrderPayload, {
    description:
      'Gives an OPEN fault to a maintenance partner.\nStreet staff, the community secretary or a grid worker covering it.',
  })
  async assignLampWorkOrder(
    @Args('input', { description: 'The fault and the maintenance company (a partner unit) to repair it.' })
    input: AssignLampWorkOrderInput,
  ): Promise<AssignLampWorkOrderPayload> {
    const fault = await recordToChange(this.faultsService.faults, input.faultId, LightingErrors.faultNotFound);
    requirePermission(mayManageWorkOrdersAt(fault));
    return { lampWorkOrder: await this.workOrders.assign(fault, input) };
  }

  @Mutation(() => ReassignLampWorkOrderPayload, {
    description:
      'Gives an open work order to another maintenance partner when the one holding it did not come.\nAs assignLampWorkOrder.',
  })
  async reassignLampWorkOrder(
    @Args('input', { description: 'The work order, the partner unit to take it over and why.' })
    input: ReassignLampWorkOrderInput,
  ): Promise<ReassignLampWorkOrderPayload> {
    const order = await recordToChange(this.workOrders.orders, input.workOrderId, LightingErrors.workOrderNotFound);
    requirePermission(mayManageWorkOrdersAt(order));
    return { lampWorkOrder: await this.workOrders.reassign(order, input) };
  }

  @Mutation(() => ReportLampWorkProgressPayload, {
    description:
      'Reports work under way, as often as there is news.\nThe assigned partner with facilities:lamps:write.',
  })
  async reportLampWorkProgress(
    @Args('input', { description: 'The work order and the progress made.' })
    { workOrderId, note }: ReportLampWorkProgressInput,
  ): Promise<ReportLampWorkProgressPayload> {
    return { lampWorkOrder: await this.workOrders.progress(await this.workable(workOrderId), note) };
  }

  @Mutation(() => CloseLampWorkOrderPayload, {
    description: 'Closes the order and its fault.\nThe assigned partner with facilities:lamps:write.',
  })
  async closeLampWorkOrder(
    @Args('input', { description: 'The work order to close and what was done.' })
    { workOrderId, note }: CloseLampWorkOrderInput,
  ): Promise<CloseLampWorkOrderPayload> {
    return { lampWorkOrder: await this.workOrders.close(await this.workable(workOrderId), note) };
  }

  @ResolveField(() => LampWorkOrderStepConnection, {
    description: 'Assignment, reassignments, progress reports and closing, oldest first.',
  })
  history(@Parent() order: LampWorkOrderDocument, @Args() args: ConnectionArgs) {
    return listConnection(order.updates, args);
  }

  @ResolveField(() => [LampWorkOrderAction], {
    description: 'The steps the caller may take on the order now: show these buttons, no others.',
  })
  nextSteps(@Parent() order: LampWorkOrderDocument) {
    return workOrderStepsFor(order);
  }

  @ResolveField(() => LampFault, { description: 'The fault the order repairs.' })
  fault(@Parent() order: LampWorkOrderDocument, @Context() { loaders }: GraphQLRequestContext) {
    return this.faultsService.load(loaders, order.faultId);
  }

  @ResolveField(() => PartnerUnit, {
    nullable: true,
    description: nullWhileDown('The maintenance partner the order is assigned to.', 'organization'),
  })
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

/**
 * Renewal projects are public: residents follow what they decided, from its tender to its acceptance (验收). Their
 * steps are the street's and the community office's, but for the start of work, which its contractor may record too.
 */
@Resolver(() => LampRenewalProject)
export class LampRenewalProjectResolver extends StepFieldsResolver(LampRenewalProject, {
  connection: LampRenewalProjectStepConnection,
  actions: LampRenewalProjectAction,
  history: lampRenewalProjectHistory,
  nextSteps: (project: LampRenewalProjectDocument) =>
    allowedSteps(LAMP_RENEWAL_PROJECT_STEPS, project.status).filter((step) => mayTakeRenewalStep(project, step)),
  descriptions: {
    history: 'PLANNED when the motion passed, then its tender, start, acceptance or cancellation, oldest first.',
    nextSteps: 'The steps the caller may take on the project now: show these buttons, no others.',
  },
  isPublic: true,
}) {
  constructor(private readonly renewals: LampRenewalsService) {
    super();
  }

  @Mutation(() => TenderLampRenewalProjectPayload, {
    description:
      'Records the contractor that won a PLANNED project’s tender (a partner unit of its community) and the amount.\nStreet staff or the community secretary covering the project.',
  })
  async tenderLampRenewalProject(
    @Args('input', { description: 'The project, the contractor and the tender’s amount.' })
    input: TenderLampRenewalProjectInput,
  ): Promise<TenderLampRenewalProjectPayload> {
    return {
      lampRenewalProject: await this.renewals.tender(
        await this.manageable(input.projectId, LampRenewalProjectAction.TENDER),
        input,
      ),
    };
  }

  @Mutation(() => StartLampRenewalProjectPayload, {
    description:
      'Records that the contractor of a TENDERED project started work.\nAs tenderLampRenewalProject, or the contractor itself with facilities:lamps:write in the project’s community.',
  })
  async startLampRenewalProject(
    @Args('input', { description: 'The project and what residents should know.' }) input: StartLampRenewalProjectInput,
  ): Promise<StartLampRenewalProjectPayload> {
    return {
      lampRenewalProject: await this.renewals.start(
        await this.manageable(input.projectId, LampRenewalProjectAction.START),
        input,
      ),
    };
  }

  @Mutation(() => AcceptLampRenewalProjectPayload, {
    description:
      'Accepts a project IN_PROGRESS (验收) once every lamp it renews works; with a lamp still faulty only under an override with its reason.\nAs tenderLampRenewalProject.',
  })
  async acceptLampRenewalProject(
    @Args('input', { description: 'The project, what the acceptance checked and who took part.' })
    input: AcceptLampRenewalProjectInput,
  ): Promise<AcceptLampRenewalProjectPayload> {
    return {
      lampRenewalProject: await this.renewals.accept(
        await this.manageable(input.projectId, LampRenewalProjectAction.ACCEPT),
        input,
      ),
    };
  }

  @Mutation(() => CancelLampRenewalProjectPayload, {
    description: 'Calls a project off before its acceptance, with the reason.\nAs tenderLampRenewalProject.',
  })
  async cancelLampRenewalProject(
    @Args('input', { description: 'The project and why.' }) input: CancelLampRenewalProjectInput,
  ): Promise<CancelLampRenewalProjectPayload> {
    return {
      lampRenewalProject: await this.renewals.cancel(
        await this.manageable(input.projectId, LampRenewalProjectAction.CANCEL),
        input,
      ),
    };
  }

  @Public()
  @ResolveField(() => PartnerUnit, {
    nullable: true,
    description: nullWhileDown(
      'The contractor that won the tender; null until the project is tendered.',
      'organization',
    ),
  })
  contractor(@Parent() project: LampRenewalProjectDocument) {
    return project.contractorId && stub(project.contractorId, 'PartnerUnit');
  }

  @Public()
  @Query(() => LampRenewalProject, {
    nullable: true,
    description: 'A lamp renewal project by its id; null when there is none.',
  })
  lampRenewalProject(@Args() { id }: IdArgs, @Context() { loaders }: GraphQLRequestContext) {
    return this.renewals.load(loaders, id);
  }

  @Public()
  @Query(() => LampRenewalProjectConnection, {
    nullable: true,
    description: nullWhileDown('Newest motion first, in a community, compound or building.', 'facilities'),
  })
  lampRenewalProjects(@Args() args: InPlaceArgs, @Context() { loaders }: GraphQLRequestContext) {
    return this.renewals.list(loaders, args);
  }

  @Public()
  @ResolveField(() => LampConnection, { description: 'The lamps to renew, of those the motion named, in its order.' })
  lamps(
    @Parent() project: LampRenewalProjectDocument,
    @Args() args: ConnectionArgs,
    @Context() { loaders }: GraphQLRequestContext,
  ) {
    return this.renewals.lampsOf(loaders, project, args);
  }

  @Public()
  @ResolveField(() => Community, {
    nullable: true,
    description: nullWhileDown('The community of the motion.', 'organization'),
  })
  community(@Parent() project: LampRenewalProjectDocument) {
    return stub(project.communityId, 'Community');
  }

  @Public()
  @ResolveField(() => Compound, { nullable: true, description: 'The compound of the motion, when it was one’s.' })
  compound(@Parent() project: LampRenewalProjectDocument) {
    return project.compoundId && stub(project.compoundId, 'Compound');
  }

  @Public()
  @ResolveReference()
  resolveReference(@Parent() reference: { id: string }, @ReferenceContext() { loaders }: GraphQLRequestContext) {
    return this.renewals.load(loaders, reference.id);
  }

  private async manageable(id: string, action: LampRenewalProjectAction) {
    const project = await recordToChange(this.renewals.projects, id, LightingErrors.renewalProjectNotFound);
    requirePermission(mayTakeRenewalStep(project, action));
    return project;
  }
}
