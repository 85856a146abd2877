import {
  buildingRegistered,
  communityRegistered,
  compoundRegistered,
  consentPurposesMapped,
  consentRecorded,
  consentWithdrawn,
  partnerAgreementSigned,
  partnerUnitRegistered,
  residentAgeBandChanged,
  residentMovedIn,
  residentMovedOut,
} from '@gongzhi/contracts';
import { EventConsumers, type EventOfAny, RequestLoaders, loadById, Clock } from '@gongzhi/platform';
import { Injectable, type OnApplicationBootstrap } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import { ClientSession, Model, Types } from 'mongoose';
import { DirectoryErrors } from './directory.errors';
import {
  ConsentKind,
  DirectoryPartner,
  DirectoryPlace,
  DirectoryResident,
  DirectoryResidentDocument,
  PlaceKind,
} from './directory.schema';
import type { KnownPlace } from './place';

const DIRECTORY_EVENTS = [
  communityRegistered,
  compoundRegistered,
  buildingRegistered,
  residentMovedIn,
  residentMovedOut,
  residentAgeBandChanged,
  consentRecorded,
  consentWithdrawn,
  consentPurposesMapped,
  partnerUnitRegistered,
  partnerAgreementSigned,
] as const;
type DirectoryEvent = EventOfAny<(typeof DIRECTORY_EVENTS)[number]>;

/** What another feature does, in the same transaction, when a resident leaves or withdraws a consent. */
export type MoveOutHandler = (residentId: Types.ObjectId, session: ClientSession) => Promise<void>;
/** The consent withdrawn: whose, which and of what kind. */
export interface WithdrawnConsent {
  residentId: Types.ObjectId;
  consentId: string;
  kind: ConsentKind;
}
export type ConsentWithdrawnHandler = (withdrawn: WithdrawnConsent, session: ClientSession) => Promise<void>;

/**
 * The places and residents services works with, kept from organization's events by one durable consumer: checks
 * read them in memory, without a call to organization. A move-out and its consequences elsewhere in services (open
 * orders and bookings closed) commit together with the event marked handled, so they happen once.
 */
@Injectable()
export class ResidentDirectory implements OnApplicationBootstrap {
  private readonly moveOutHandlers: MoveOutHandler[] = [];
  private readonly consentWithdrawnHandlers: ConsentWithdrawnHandler[] = [];

  constructor(
    @InjectModel(DirectoryResident.name) readonly residents: Model<DirectoryResident>,
    @InjectModel(DirectoryPlace.name) readonly places: Model<DirectoryPlace>,
    @InjectModel(DirectoryPartner.name) readonly partners: Model<DirectoryPartner>,
    private readonly consumers: EventConsumers,
    private readonly clock: Clock,
  ) {}

  /** Features register their handlers in onModuleInit; consuming starts after all of them, never before. */
  onApplicationBootstrap(): void {
    this.consumers.register({
      name: 'organization-directory',
      events: DIRECTORY_EVENTS,
      handle: (event, session) => this.apply(event, session),
    });
  }

  afterMoveOut(handler: MoveOutHandler): void {
    this.moveOutHandlers.push(handler);
  }

  afterConsentWithdrawn(handler: ConsentWithdrawnHandler): void {
    this.consentWithdrawnHandlers.push(handler);
  }

  resident(loaders: RequestLoaders, id: unknown): Promise<DirectoryResidentDocument | null> {
    return loadById(loaders, this.residents, id);
  }

  /** A resident living in a community now, or RESIDENT.NOT_FOUND / RESIDENT.MOVED_OUT. */
  async livingResident(loaders: RequestLoaders, id: string): Promise<DirectoryResidentDocument> {
    const resident = await this.resident(loaders, id);
    if (!resident?.communityId) throw DirectoryErrors.residentNotFound(id);
    if (resident.movedOutAt) throw DirectoryErrors.residentMovedOut(id);
    return resident;
  }

  /**
   * Writes to the resident's entry inside `session`'s transaction, refusing one who has moved out — or, with
   * `consent`, whose consent of that kind (or that very consent, by `consentId`) is no longer in force (the error
   * `consent.orElse` makes). A concurrent move-out or withdrawal writes the same entry, so one of the two transactions
   * waits for the other: nothing new rests on what is being taken away.
   */
  async holdLivingResident(
    residentId: Types.ObjectId,
    session: ClientSession,
    consent?: { kind: ConsentKind; consentId?: string; orElse: () => Error },
  ): Promise<void> {
    const which = consent?.consentId ? { consentId: consent.consentId } : {};
    const inForce = consent ? { consents: { $elemMatch: { kind: consent.kind, ...which, withdrawnAt: null } } } : {};
    const { matchedCount } = await this.residents.updateOne(
      { _id: residentId, movedOutAt: null, ...inForce },
      { $set: { lastOpenedAt: this.clock.now() } },
      { session },
    );
    if (matchedCount > 0) return;
    const movedOut = await this.residents.exists({ _id: residentId, movedOutAt: { $ne: null } }).session(session);
    throw movedOut || !consent ? DirectoryErrors.residentMovedOut(String(residentId)) : consent.orElse();
  }

  place(loaders: RequestLoaders, id: unknown) {
    return loadById(loaders, this.places, id);
  }

  /**
   * The community, compound or building a `placeId` argument names, with the ids of the places above it (and its
   * own); PLACE.NOT_FOUND when organization never announced it, as facilities and deliberation answer.
   */
  async requirePlace(loaders: RequestLoaders, id: string): Promise<KnownPlace> {
    const place = await this.place(loaders, id);
    if (!place) throw DirectoryErrors.placeNotFound(id);
    return {
      kind: place.kind,
      communityId: place.communityId,
      compoundId: place.kind === PlaceKind.COMPOUND ? place._id : place.compoundId,
      buildingId: place.kind === PlaceKind.BUILDING ? place._id : null,
    };
  }

  async requireCommunity(loaders: RequestLoaders, id: string): Promise<void> {
    const place = await this.place(loaders, id);
    if (place?.kind !== PlaceKind.COMMUNITY) throw DirectoryErrors.communityNotFound(id);
  }

  /** Whether the partner unit has signed a co-building agreement with the community (PARTNER_UNIT.NOT_FOUND if unknown). */
  async partnerServes(loaders: RequestLoaders, partnerUnitId: string, communityId: string): Promise<boolean> {
    const partner = await loadById(loaders, this.partners, partnerUnitId);
    if (!partner) throw DirectoryErrors.partnerUnitNotFound(partnerUnitId);
    return partner.agreementCommunityIds.some((id) => String(id) === communityId);
  }

  private async apply(event: DirectoryEvent, session: ClientSession): Promise<void> {
    const oid = (id: string) => new Types.ObjectId(id);
    switch (event.type) {
      case 'org.community.registered':
        return this.upsertPlace(
          oid(event.payload.communityId),
          { kind: PlaceKind.COMMUNITY, communityId: oid(event.payload.communityId), compoundId: null },
          session,
        );
      case 'org.compound.registered':
        return this.upsertPlace(
          oid(event.payload.compoundId),
          { kind: PlaceKind.COMPOUND, communityId: oid(event.payload.communityId), compoundId: null },
          session,
        );
      case 'org.building.registered': {
        const { buildingId, compoundId, communityId } = event.payload;
        return this.upsertPlace(
          oid(buildingId),
          { kind: PlaceKind.BUILDING, communityId: oid(communityId), compoundId: oid(compoundId) },
          session,
        );
      }
      case 'org.resident.moved-in': {
        const { residentId, householdId, buildingId, compoundId, communityId, ageBand } = event.payload;
        const residence = {
          householdId: oid(householdId),
          buildingId: oid(buildingId),
          compoundId: oid(compoundId),
          communityId: oid(communityId),
        };
        await this.residents.updateOne(
          { _id: oid(residentId) },
          { $set: { ...residence, ageBand: ageBand ?? null, movedOutAt: null } },
          { session, upsert: true },
        );
        return;
      }
      case 'org.resident.age-band-changed': {
        // Only forward: a redelivered older change never undoes a later one.
        const { residentId, from, to } = event.payload;
        await this.residents.updateOne(
          { _id: oid(residentId), ageBand: { $in: [from, null] } },
          { $set: { ageBand: to } },
          { session },
        );
        return;
      }
      case 'org.resident.moved-out': {
        const residentId = oid(event.payload.residentId);
        await this.residents.updateOne(
          { _id: residentId },
          { $set: { movedOutAt: new Date(event.occurredAt) } },
          { session },
        );
        for (const handler of this.moveOutHandlers) await handler(residentId, session);
        return;
      }
      case 'org.resident.consent-recorded': {
        const { consentId, residentId, kind, purposes, guardianResidentId, givenAt } = event.payload;
        const consent = {
          consentId,
          kind,
          purposes,
          guardianResidentId: guardianResidentId ? oid(guardianResidentId) : null,
          givenAt: new Date(givenAt),
          withdrawnAt: null,
        };
        // The entry is created if need be: a consent is kept even if its resident's move-in has not arrived yet.
        await this.residents.updateOne(
          { _id: oid(residentId) },
          { $setOnInsert: { movedOutAt: null } },
          { session, upsert: true },
        );
        await this.residents.updateOne(
          { _id: oid(residentId), 'consents.consentId': { $ne: consentId } },
          { $push: { consents: consent } },
          { session },
        );
        return;
      }
      case 'org.resident.consent-withdrawn': {
        const { consentId, residentId, kind, withdrawnAt } = event.payload;
        await this.residents.updateOne(
          { _id: oid(residentId), 'consents.consentId': consentId },
          { $set: { 'consents.$.withdrawnAt': new Date(withdrawnAt) } },
          { session },
        );
        const withdrawn = { residentId: oid(residentId), consentId, kind };
        for (const handler of this.consentWithdrawnHandlers) await handler(withdrawn, session);
        return;
      }
      case 'org.resident.consent-purposes-mapped': {
        const { consentId, residentId, purposes } = event.payload;
        await this.residents.updateOne(
          { _id: oid(residentId), 'consents.consentId': consentId },
          { $set: { 'consents.$.purposes': purposes } },
          { session },
        );
        return;
      }
      case 'org.partner-unit.registered':
        await this.partners.updateOne(
          { _id: oid(event.payload.partnerUnitId) },
          { $setOnInsert: { agreementCommunityIds: [] } },
          { session, upsert: true },
        );
        return;
      case 'org.partner-agreement.signed':
        await this.partners.updateOne(
          { _id: oid(event.payload.partnerUnitId) },
          { $addToSet: { agreementCommunityIds: oid(event.payload.communityId) } },
          { session, upsert: true },
        );
        return;
    }
  }

  private async upsertPlace(id: Types.ObjectId, place: DirectoryPlace, session: ClientSession): Promise<void> {
    await this.places.updateOne({ _id: id }, { $set: place }, { session, upsert: true });
  }
}
