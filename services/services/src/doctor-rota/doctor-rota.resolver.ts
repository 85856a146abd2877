import {
  ConnectionArgs,
  currentActor,
  GraphQLRequestContext,
  Public,
  requirePermission,
  IdArgs,
  nullWhileDown,
  StepFieldsResolver,
  reference,
} from '@gongzhi/platform';
import { Args, Context, Info, Mutation, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import type { GraphQLResolveInfo } from 'graphql';
import { residentToCareFor } from '../care-records/arrange-care';
import {
  careListFilter,
  HEALTH_READERS,
  isOfHousehold,
  mayCancel,
  mayReadCare,
} from '../care-records/care-records.access';
import { mayCurateCatalogueIn } from '../catalogue/catalogue.access';
import { ResidentDirectory } from '../organization-copy/directory.service';
import { Community, Resident } from '../organization-copy/organization.types';
import { CareReadAudit } from '../sensitive-reads/care-read-audit';
import {
  BookDoctorSlotInput,
  CancelDoctorAppointmentInput,
  DoctorSlotsArgs,
  SetDoctorRotaInput,
} from './doctor-rota.inputs';
import {
  appointmentStepsFrom,
  DoctorAppointment,
  DoctorAppointmentAction,
  DoctorAppointmentDocument,
  DoctorRota,
  DoctorRotaDocument,
} from './doctor-rota.schema';
import { DoctorRotaService } from './doctor-rota.service';
import {
  BookDoctorSlotPayload,
  CancelDoctorAppointmentPayload,
  DoctorAppointmentConnection,
  DoctorAppointmentStepConnection,
  DoctorRotaConnection,
  DoctorSlotConnection,
  SetDoctorRotaPayload,
} from './doctor-rota.types';

/** Where a mutation's payload holds the appointment. */
const PAYLOAD_PATH = ['doctorAppointment'];

/** Appointments are health data: seen by the community office, grid workers, the household and the clinic; each read audited. */
const appointmentReach = () => careListFilter(currentActor(), HEALTH_READERS);

/** Rotas and their free slots are public, like the notice on the surgery door. */
@Resolver(() => DoctorRota)
export class DoctorRotaResolver {
  constructor(
    private readonly rotas: DoctorRotaService,
    private readonly audit: CareReadAudit,
  ) {}

  @Public()
  @Query(() => DoctorRota, { nullable: true, description: 'A family doctor’s rota by id; null when unknown.' })
  doctorRota(@Args() { id }: IdArgs, @Context() { loaders }: GraphQLRequestContext) {
    return this.rotas.load(loaders, id);
  }

  @Mutation(() => SetDoctorRotaPayload, {
    description:
      "Sets a family doctor's weekly rota at a clinic of the community.\nThe community secretary, or street staff covering the clinic's community.",
  })
  async setDoctorRota(
    @Args('input', { description: 'The doctor, where and when they see residents, and the slot length.' })
    input: SetDoctorRotaInput,
    @Context() { loaders }: GraphQLRequestContext,
  ) {
    const communityId = await this.rotas.communityOfClinic(loaders, input.providerId);
    requirePermission(mayCurateCatalogueIn(communityId));
    return { doctorRota: await this.rotas.set(communityId, input) };
  }

  @Public()
  @ResolveField(() => DoctorSlotConnection, { description: 'Its slots over the next 90 days, free or taken.' })
  slots(
    @Parent() rota: DoctorRotaDocument,
    @Args() args: DoctorSlotsArgs,
    @Context() { loaders }: GraphQLRequestContext,
  ) {
    return this.rotas.slots(loaders, rota, args);
  }

  @Public()
  @ResolveField(() => Community, {
    nullable: true,
    description: nullWhileDown('The community (社区) the rota serves.', 'organization'),
  })
  community(@Parent() rota: DoctorRotaDocument) {
    return reference(rota.communityId);
  }

  @ResolveField(() => DoctorAppointmentConnection, {
    nullable: true,
    description: 'By time, those the caller may see.',
  })
  async appointments(
    @Parent() rota: DoctorRotaDocument,
    @Args() args: ConnectionArgs,
    @Context() { loaders }: GraphQLRequestContext,
    @Info() info: GraphQLResolveInfo,
  ) {
    const appointments = await this.rotas.appointmentsOf(loaders, 'rotaId', rota.id, appointmentReach(), args);
    await this.audit.healthRecords(
      appointments.edges.map((edge) => edge.node),
      info,
      'DoctorAppointment',
      ['edges', 'node'],
    );
    return appointments;
  }
}

@Resolver(() => DoctorAppointment)
export class DoctorAppointmentResolver extends StepFieldsResolver(DoctorAppointment, {
  connection: DoctorAppointmentStepConnection,
  actions: DoctorAppointmentAction,
  history: (appointment: DoctorAppointmentDocument) => appointment.history,
  nextSteps: (appointment: DoctorAppointmentDocument) => appointmentStepsFrom(appointment.status),
  descriptions: { nextSteps: 'The steps the appointment can take next by its status (not whether the caller may).' },
}) {
  constructor(
    private readonly rotas: DoctorRotaService,
    private readonly directory: ResidentDirectory,
    private readonly audit: CareReadAudit,
  ) {
    super();
  }

  @Query(() => DoctorAppointment, {
    nullable: true,
    description: 'An appointment with the family doctor by id; null when unknown or not the caller’s to see.',
  })
  async doctorAppointment(
    @Args() { id }: IdArgs,
    @Context() { loaders }: GraphQLRequestContext,
    @Info() info: GraphQLResolveInfo,
  ) {
    const appointment = await this.rotas.loadAppointment(loaders, id);
    // An appointment that does not exist and one the caller may not see answer alike: null.
    return appointment && mayReadCare(appointment, currentActor(), HEALTH_READERS)
      ? this.handOut(appointment, info)
      : null;
  }

  @Mutation(() => BookDoctorSlotPayload, {
    description:
      'Books a slot of a rota for a resident of the rota’s community.\nThe resident, their household, or a grid worker or the community office covering them.',
  })
  async bookDoctorSlot(
    @Args('input', { description: "The rota, the slot's start and who sees the doctor." }) input: BookDoctorSlotInput,
    @Context() { loaders }: GraphQLRequestContext,
    @Info() info: GraphQLResolveInfo,
  ) {
    const rota = await this.rotas.require(loaders, input.rotaId);
    const resident = await residentToCareFor(this.directory, loaders, input.residentId);
    const appointment = await this.rotas.book(loaders, rota, resident, input, !isOfHousehold(resident));
    return { doctorAppointment: await this.handOut(appointment, info, PAYLOAD_PATH) };
  }

  @Mutation(() => CancelDoctorAppointmentPayload, {
    description: 'Cancels an appointment, freeing its slot.\nAs cancelling an order.',
  })
  async cancelDoctorAppointment(
    @Args('input', { description: 'The appointment to cancel and why.' }) input: CancelDoctorAppointmentInput,
    @Context() { loaders }: GraphQLRequestContext,
    @Info() info: GraphQLResolveInfo,
  ) {
    const appointment = await this.rotas.requireAppointment(loaders, input.appointmentId);
    requirePermission(mayCancel(appointment));
    const cancelled = await this.rotas.cancel(appointment, input.reason ?? null);
    return { doctorAppointment: await this.handOut(cancelled, info, PAYLOAD_PATH) };
  }

  @ResolveField(() => DoctorRota, { description: "The doctor's rota the appointment was booked on." })
  rota(@Parent() appointment: DoctorAppointmentDocument, @Context() { loaders }: GraphQLRequestContext) {
    return this.rotas.load(loaders, appointment.rotaId);
  }

  @ResolveField(() => Resident, { nullable: true, description: nullWhileDown('Who sees the doctor.', 'organization') })
  resident(@Parent() appointment: DoctorAppointmentDocument) {
    return reference(appointment.residentId);
  }

  /** `path` leads from the resolver's field to the appointment (a payload's `doctorAppointment`). */
  private async handOut(
    appointment: DoctorAppointmentDocument,
    info: GraphQLResolveInfo,
    path: readonly string[] = [],
  ) {
    requirePermission(mayReadCare(appointment, currentActor(), HEALTH_READERS));
    await this.audit.healthRecords([appointment], info, 'DoctorAppointment', path);
    return appointment;
  }
}

@Resolver(() => Community)
export class CommunityDoctorRotasResolver {
  constructor(private readonly rotas: DoctorRotaService) {}

  @Public()
  @ResolveField(() => DoctorRotaConnection, { nullable: true, description: "Its family doctors' rotas." })
  doctorRotas(
    @Parent() community: Community,
    @Args() args: ConnectionArgs,
    @Context() { loaders }: GraphQLRequestContext,
  ) {
    return this.rotas.rotasOf(loaders, community.id, args);
  }
}

@Resolver(() => Resident)
export class ResidentDoctorAppointmentsResolver {
  constructor(
    private readonly rotas: DoctorRotaService,
    private readonly audit: CareReadAudit,
  ) {}

  @ResolveField(() => DoctorAppointmentConnection, {
    nullable: true,
    description: 'By time, those the caller may see; every read audited.',
  })
  async doctorAppointments(
    @Parent() resident: Resident,
    @Args() args: ConnectionArgs,
    @Context() { loaders }: GraphQLRequestContext,
    @Info() info: GraphQLResolveInfo,
  ) {
    const appointments = await this.rotas.appointmentsOf(loaders, 'residentId', resident.id, appointmentReach(), args);
    await this.audit.healthRecords(
      appointments.edges.map((edge) => edge.node),
      info,
      'DoctorAppointment',
      ['edges', 'node'],
    );
    return appointments;
  }
}
