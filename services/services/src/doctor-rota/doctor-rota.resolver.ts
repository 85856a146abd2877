import {
  Connection,
  ConnectionArgs,
  currentActor,
  GraphQLRequestContext,
  Public,
  requirePermission,
  IdArgs,
} from '@gongzhi/platform';
import { Args, Context, Info, Mutation, ObjectType, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
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
import { Community, Resident, reference } from '../organization-copy/organization.types';
import { CareReadAudit } from '../sensitive-reads/care-read-audit';
import { BookDoctorSlotInput, DoctorSlotsArgs, SetDoctorRotaInput } from './doctor-rota.inputs';
import {
  DoctorAppointment,
  DoctorAppointmentDocument,
  DoctorRota,
  DoctorRotaDocument,
  DoctorSlot,
} from './doctor-rota.schema';
import { DoctorRotaService } from './doctor-rota.service';

@ObjectType()
export class DoctorRotaConnection extends Connection(DoctorRota) {}
@ObjectType()
export class DoctorSlotConnection extends Connection(DoctorSlot) {}
@ObjectType()
export class DoctorAppointmentConnection extends Connection(DoctorAppointment) {}

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
  @Query(() => DoctorRota, { nullable: true })
  doctorRota(@Args() { id }: IdArgs, @Context() { loaders }: GraphQLRequestContext) {
    return this.rotas.load(loaders, id);
  }

  @Mutation(() => DoctorRota, {
    description: "The community secretary, or street staff covering the clinic's community.",
  })
  async setDoctorRota(@Args('input') input: SetDoctorRotaInput, @Context() { loaders }: GraphQLRequestContext) {
    const communityId = await this.rotas.communityOfClinic(loaders, input.providerId);
    requirePermission(mayCurateCatalogueIn(communityId));
    return this.rotas.set(communityId, input);
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
  @ResolveField(() => Community)
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
export class DoctorAppointmentResolver {
  constructor(
    private readonly rotas: DoctorRotaService,
    private readonly directory: ResidentDirectory,
    private readonly audit: CareReadAudit,
  ) {}

  @Query(() => DoctorAppointment, { nullable: true })
  async doctorAppointment(
    @Args() { id }: IdArgs,
    @Context() { loaders }: GraphQLRequestContext,
    @Info() info: GraphQLResolveInfo,
  ) {
    const appointment = await this.rotas.loadAppointment(loaders, id);
    return appointment && this.handOut(appointment, info);
  }

  @Mutation(() => DoctorAppointment, {
    description:
      'A resident of the rota’s community; booked by them, their household, or a grid worker or the community office covering them.',
  })
  async bookDoctorSlot(
    @Args('input') input: BookDoctorSlotInput,
    @Context() { loaders }: GraphQLRequestContext,
    @Info() info: GraphQLResolveInfo,
  ) {
    const rota = await this.rotas.require(loaders, input.rotaId);
    const resident = await residentToCareFor(this.directory, loaders, input.residentId);
    return this.handOut(await this.rotas.book(loaders, rota, resident, input, !isOfHousehold(resident)), info);
  }

  @Mutation(() => DoctorAppointment, { description: 'Frees the slot. As cancelling an order.' })
  async cancelDoctorAppointment(
    @Args() { id }: IdArgs,
    @Context() { loaders }: GraphQLRequestContext,
    @Info() info: GraphQLResolveInfo,
  ) {
    const appointment = await this.rotas.requireAppointment(loaders, id);
    requirePermission(mayCancel(appointment));
    return this.handOut(await this.rotas.cancel(appointment), info);
  }

  @ResolveField(() => DoctorRota)
  rota(@Parent() appointment: DoctorAppointmentDocument, @Context() { loaders }: GraphQLRequestContext) {
    return this.rotas.load(loaders, appointment.rotaId);
  }

  @ResolveField(() => Resident)
  resident(@Parent() appointment: DoctorAppointmentDocument) {
    return reference(appointment.residentId);
  }

  private async handOut(appointment: DoctorAppointmentDocument, info: GraphQLResolveInfo) {
    requirePermission(mayReadCare(appointment, currentActor(), HEALTH_READERS));
    await this.audit.healthRecords([appointment], info, 'DoctorAppointment');
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
