import { careDoctorAppointmentBooked, careDoctorAppointmentCancelled, careDoctorRotaSet } from '@gongzhi/contracts';
import {
  type ConnectionArgs,
  type ConnectionShape,
  OutboxPublisher,
  type RequestLoaders,
  childConnection,
  decodeCursor,
  encodeCursor,
  loadById,
  pageConnection,
  refuseDuplicates,
  requireById,
  withTransaction,
  backfillHistory,
} from '@gongzhi/platform';
import { Injectable, Logger, type OnApplicationBootstrap, type OnModuleInit } from '@nestjs/common';
import { InjectConnection, InjectModel } from '@nestjs/mongoose';
import { ClientSession, Connection, Model, QueryFilter, Types } from 'mongoose';
import { Clock } from '@gongzhi/platform';
import { CancellationCause } from '../care-records/cancellation.schema';
import { givenBy, type ProvidedCare } from '../care-records/provided-care.schema';
import { aboutResident } from '../organization-copy/about-resident.schema';
import { ConsentPurpose, type DirectoryResidentDocument } from '../organization-copy/directory.schema';
import {
  cancellationCauseOf,
  careLosingItsConsent,
  consentToArrange,
  restingOn,
} from '../care-records/arranged-on-consent';
import { ResidentDirectory } from '../organization-copy/directory.service';
import { CareProviderKind } from '../providers/care-provider.schema';
import { ProvidersService } from '../providers/providers.service';
import { DoctorRotaErrors } from './doctor-rota.errors';
import { BookDoctorSlotInput, DoctorSlotsArgs, SetDoctorRotaInput } from './doctor-rota.inputs';
import {
  DoctorAppointment,
  DoctorAppointmentDocument,
  DoctorAppointmentStatus,
  DoctorRota,
  DoctorRotaDocument,
  type DoctorSlot,
  appointmentHistoryOf,
} from './doctor-rota.schema';
import { isSlotStart, minutesOfDay, slotStarts } from './rota-calendar';

const { BOOKED, CANCELLED } = DoctorAppointmentStatus;

/**
 * Family doctors' weekly rotas and the residents' appointments in their slots. Slots are computed from the rota, never
 * stored; an appointment takes one under a unique index, so two residents booking the same slot at once get one
 * appointment and one DOCTOR_ROTA.SLOT_TAKEN.
 */
@Injectable()
export class DoctorRotaService implements OnModuleInit, OnApplicationBootstrap {
  private readonly logger = new Logger(DoctorRotaService.name);

  constructor(
    @InjectModel(DoctorRota.name) private readonly rotas: Model<DoctorRota>,
    @InjectModel(DoctorAppointment.name) private readonly appointments: Model<DoctorAppointment>,
    @InjectConnection() private readonly connection: Connection,
    private readonly outbox: OutboxPublisher,
    private readonly directory: ResidentDirectory,
    private readonly providers: ProvidersService,
    private readonly clock: Clock,
  ) {}

  async onModuleInit(): Promise<void> {
    await this.appointments.init();
    this.directory.afterMoveOut((residentId, session) => this.closeForMoveOut(residentId, session));
    // Coming appointments made on the withdrawn consent (a child's, on the guardian's) free their slots.
    this.directory.afterConsentWithdrawn(async (withdrawn, session) => {
      const coming = { status: BOOKED, startsAt: { $gt: this.clock.now() } };
      const losing = await careLosingItsConsent(this.appointments, coming, withdrawn, this.directory, session);
      for (const appointmentId of losing)
        await this.release(appointmentId, cancellationCauseOf(withdrawn), null, session);
    });
  }

  /** Appointments booked before appointments kept a history get theirs from what they hold, once. */
  async onApplicationBootstrap(): Promise<void> {
    const written = await backfillHistory(this.appointments, appointmentHistoryOf);
    if (written > 0) this.logger.log(`wrote the history of ${written} appointments booked before histories were kept`);
  }

  /** The community a provider serves, once it is a partner provider (a clinic) that can send a doctor. */
  async communityOfClinic(loaders: RequestLoaders, providerId: string): Promise<string> {
    const provider = await this.providers.load(loaders, providerId);
    if (provider?.kind !== CareProviderKind.PARTNER_UNIT) throw DoctorRotaErrors.invalidProvider(providerId);
    return String(provider.communityId);
  }

  async set(communityId: string, input: SetDoctorRotaInput): Promise<DoctorRotaDocument> {
    const minutes = minutesOfDay(input.endTime) - minutesOfDay(input.startTime);
    if (minutes < input.slotMinutes || (input.validUntil && input.validUntil < input.validFrom))
      throw DoctorRotaErrors.invalidHours();
    return withTransaction(this.connection, async (session) => {
      const [rota] = await this.rotas.create(
        [
          {
            ...input,
            communityId: new Types.ObjectId(communityId),
            providerId: new Types.ObjectId(input.providerId),
            validUntil: input.validUntil ?? null,
          },
        ],
        { session },
      );
      await this.outbox.record(
        careDoctorRotaSet,
        {
          rotaId: rota.id,
          communityId,
          providerId: input.providerId,
          weekdays: rota.weekdays,
          slotMinutes: rota.slotMinutes,
        },
        { session },
      );
      return rota;
    });
  }

  /** The rota's slots from `from` (or now) on, over the next 90 days, a page at a time, each marked free or taken. */
  async slots(
    loaders: RequestLoaders,
    rota: DoctorRotaDocument,
    { from, first, after }: DoctorSlotsArgs,
  ): Promise<ConnectionShape<DoctorSlot>> {
    const start = after ? new Date((decodeCursor(after).sortValue as Date).getTime() + 1) : (from ?? this.clock.now());
    const starts: Date[] = [];
    for (const slot of slotStarts(rota, start)) {
      starts.push(slot);
      if (starts.length > first) break;
    }
    const page = starts.slice(0, first);
    const taken = page.length ? await this.takenBetween(loaders, rota.id, page[0], page.at(-1)!) : new Set<string>();
    const slots = starts.map((startsAt) => ({
      startsAt,
      endsAt: new Date(startsAt.getTime() + rota.slotMinutes * 60_000),
      taken: taken.has(startsAt.toISOString()),
    }));
    return pageConnection(
      slots,
      first,
      (slot) => encodeCursor(slot.startsAt, rota.id),
      () => Promise.resolve([...slotStarts(rota, start)].length),
      // The slot at the after cursor precedes this page.
      Boolean(after),
    );
  }

  /** The taken slot starts of each rota and range asked for in the request, in one query. */
  private takenBetween(
    loaders: RequestLoaders,
    rotaId: string,
    firstStart: Date,
    lastStart: Date,
  ): Promise<Set<string>> {
    return loaders
      .get<string, Set<string>>('DoctorRota.taken', async (keys) => {
        const ranges = keys.map((key) => {
          const [id, fromIso, toIso] = key.split('|');
          return { rotaId: id, from: new Date(fromIso), to: new Date(toIso) };
        });
        const booked = await this.appointments
          .find(
            {
              status: BOOKED,
              $or: ranges.map((range) => ({
                rotaId: new Types.ObjectId(range.rotaId),
                startsAt: { $gte: range.from, $lte: range.to },
              })),
            },
            { rotaId: 1, startsAt: 1 },
          )
          .lean()
          .exec();
        return ranges.map(
          (range) =>
            new Set(
              booked.filter((row) => String(row.rotaId) === range.rotaId).map((row) => row.startsAt.toISOString()),
            ),
        );
      })
      .load(`${rotaId}|${firstStart.toISOString()}|${lastStart.toISOString()}`);
  }

  async book(
    loaders: RequestLoaders,
    rota: DoctorRotaDocument,
    resident: DirectoryResidentDocument,
    { startsAt }: BookDoctorSlotInput,
    onBehalf: boolean,
  ): Promise<DoctorAppointmentDocument> {
    if (startsAt <= this.clock.now() || !isSlotStart(rota, startsAt)) throw DoctorRotaErrors.notASlot();
    if (!resident.communityId.equals(rota.communityId)) throw DoctorRotaErrors.livesElsewhere();
    const consent = consentToArrange(resident, ConsentPurpose.FAMILY_DOCTOR, DoctorRotaErrors);
    const clinic = await this.providers.load(loaders, rota.providerId);
    return refuseDuplicates(
      () =>
        withTransaction(this.connection, async (session) => {
          await this.directory.holdLivingResident(resident._id, session, consent ?? undefined);
          const [appointment] = await this.appointments.create(
            [
              {
                rotaId: rota._id,
                startsAt,
                status: BOOKED,
                history: [{ status: BOOKED, at: this.clock.now(), note: null }],
                onBehalf,
                ...restingOn(ConsentPurpose.FAMILY_DOCTOR, consent),
                ...givenBy(clinic!, rota),
                ...aboutResident(resident),
              },
            ],
            { session },
          );
          await this.outbox.record(careDoctorAppointmentBooked, appointmentFact(appointment), { session });
          return appointment;
        }),
      DoctorRotaErrors.slotTaken,
    );
  }

  cancel(appointment: DoctorAppointmentDocument, reason: string | null): Promise<DoctorAppointmentDocument> {
    return withTransaction(this.connection, (session) =>
      this.release(appointment._id, CancellationCause.REQUESTED, reason, session),
    );
  }

  private async release(
    appointmentId: Types.ObjectId,
    cause: CancellationCause,
    reason: string | null,
    session: ClientSession,
  ): Promise<DoctorAppointmentDocument> {
    const at = this.clock.now();
    const cancelled = await this.appointments
      .findOneAndUpdate(
        { _id: appointmentId, status: BOOKED },
        {
          $set: { status: CANCELLED, cancellation: { cause, reason, at } },
          $push: { history: { status: CANCELLED, at, note: reason } },
        },
        { session, returnDocument: 'after' },
      )
      .exec();
    if (!cancelled) throw DoctorRotaErrors.illegalStep(CANCELLED);
    await this.outbox.record(careDoctorAppointmentCancelled, { ...appointmentFact(cancelled), cause }, { session });
    return cancelled;
  }

  /** Organization reported the resident gone: their coming appointments free their slots. */
  private async closeForMoveOut(residentId: Types.ObjectId, session: ClientSession): Promise<void> {
    const coming = await this.appointments
      .find({ residentId, status: BOOKED, startsAt: { $gt: this.clock.now() } }, { _id: 1 }, { session })
      .lean()
      .exec();
    for (const { _id } of coming) await this.release(_id, CancellationCause.RESIDENT_MOVED_OUT, null, session);
  }

  load(loaders: RequestLoaders, id: unknown): Promise<DoctorRotaDocument | null> {
    return loadById(loaders, this.rotas, id);
  }

  require(loaders: RequestLoaders, id: string): Promise<DoctorRotaDocument> {
    return requireById(loaders, this.rotas, id, DoctorRotaErrors.notFound);
  }

  loadAppointment(loaders: RequestLoaders, id: unknown): Promise<DoctorAppointmentDocument | null> {
    return loadById(loaders, this.appointments, id);
  }

  requireAppointment(loaders: RequestLoaders, id: string): Promise<DoctorAppointmentDocument> {
    return requireById(loaders, this.appointments, id, DoctorRotaErrors.appointmentNotFound);
  }

  /** A community's rotas, batched across the communities of the request. */
  rotasOf(loaders: RequestLoaders, communityId: string, args: ConnectionArgs) {
    return childConnection(loaders, this.rotas, 'communityId', communityId, args);
  }

  /** Appointments of a rota or a resident by time, inside `reach`; batched across parents. */
  appointmentsOf(
    loaders: RequestLoaders,
    parent: 'rotaId' | 'residentId',
    parentId: string,
    reach: QueryFilter<ProvidedCare>,
    args: ConnectionArgs,
  ) {
    return childConnection(loaders, this.appointments, parent, parentId, args, { sortBy: 'startsAt', filter: reach });
  }
}

function appointmentFact(appointment: DoctorAppointmentDocument) {
  return {
    appointmentId: appointment.id,
    rotaId: String(appointment.rotaId),
    residentId: String(appointment.residentId),
    startsAt: appointment.startsAt.toISOString(),
  };
}
