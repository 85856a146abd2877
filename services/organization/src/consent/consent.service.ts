import { consentPurposesMapped, consentRecorded, consentWithdrawn } from '@gongzhi/contracts';
import { Clock, OutboxPublisher, withTransaction } from '@gongzhi/platform';
import { Injectable, Logger, type OnApplicationBootstrap } from '@nestjs/common';
import { InjectConnection, InjectModel } from '@nestjs/mongoose';
import { Connection, Model, Types } from 'mongoose';
import { isChildUnder14 } from '../territory/territory.access';
import { TerritoryErrors } from '../territory/territory.errors';
import { AgeBand, Resident, ResidentDocument } from '../territory/territory.schema';
import { ConsentErrors } from './consent.errors';
import { RecordConsentInput } from './consent.inputs';
import { Consent } from './consent.schema';
import { purposesOfLegacyWords } from './legacy-purposes';

/** What consenting needs to know of the resident. */
type ConsentingResident = Pick<Resident, 'ageBand' | 'householdId' | 'movedOutAt'> & { id: string };

const ADULT_AGE_BANDS: readonly AgeBand[] = [AgeBand.AGE_18_TO_59, AgeBand.AGE_60_TO_79, AgeBand.AGE_80_PLUS];

/**
 * Residents' consents under PIPL: a child under 14 needs a guardian's (art. 31), given by an adult of the same
 * household; from 14 a resident gives their own separate consent to sensitive data (art. 29). Each consent names the
 * purposes it covers (services' offer: its catalogue's categories and the family doctor). Each consent and each
 * withdrawal commits with its event, from which other subgraphs learn what they may do.
 */
@Injectable()
export class ConsentService implements OnApplicationBootstrap {
  private readonly logger = new Logger(ConsentService.name);

  constructor(
    @InjectModel(Resident.name) private readonly residents: Model<Resident>,
    @InjectConnection() private readonly connection: Connection,
    private readonly outbox: OutboxPublisher,
    private readonly clock: Clock,
  ) {}

  async record(resident: ConsentingResident, input: RecordConsentInput): Promise<Consent> {
    if (resident.movedOutAt) throw TerritoryErrors.alreadyMovedOut(resident.id);
    const isChild = isChildUnder14(resident);
    if (isChild && (input.kind !== 'GUARDIAN' || !input.guardianResidentId)) throw ConsentErrors.guardianRequired();
    if (!isChild && (input.kind === 'GUARDIAN' || input.guardianResidentId))
      throw ConsentErrors.guardianOnlyForChildren();
    if (input.guardianResidentId) await this.requireGuardianOf(resident, input.guardianResidentId);

    const consent = {
      _id: new Types.ObjectId(),
      kind: input.kind,
      purpose: input.purpose,
      purposes: input.purposes,
      purposesUnmatched: false,
      guardianResidentId: input.guardianResidentId ?? null,
      givenAt: this.clock.now(),
      withdrawnAt: null,
    };
    return withTransaction(this.connection, async (session) => {
      const updated = await this.residents
        .findOneAndUpdate(
          { _id: resident.id, movedOutAt: null },
          { $push: { consents: consent } },
          { session, returnDocument: 'after' },
        )
        .exec();
      if (!updated) throw TerritoryErrors.alreadyMovedOut(resident.id);
      await this.outbox.record(
        consentRecorded,
        {
          consentId: String(consent._id),
          residentId: resident.id,
          kind: consent.kind,
          purpose: consent.purpose,
          purposes: consent.purposes,
          guardianResidentId: consent.guardianResidentId,
          givenAt: consent.givenAt.toISOString(),
        },
        { session },
      );
      return updated.consents.find((given) => given.id === String(consent._id))!;
    });
  }

  async onApplicationBootstrap(): Promise<void> {
    // A back-fill never keeps the subgraph from serving: what it could not map now, it maps at the next start.
    try {
      const mapped = await this.mapPurposesOfEarlierConsents();
      if (mapped > 0) this.logger.log(`Named the purposes of ${mapped} consents recorded before purposes were named`);
    } catch (error) {
      this.logger.error(`Mapping earlier consents' purposes failed; retried at the next start: ${String(error)}`);
    }
  }

  /**
   * Consents recorded before consents named their purposes get them from their words (legacy-purposes.ts), once: each
   * with `org.resident.consent-purposes-mapped`, so services' copy learns them too. Words that match nothing leave the
   * consent covering nothing, flagged `purposesUnmatched`, for the resident to consent again. Idempotent: only a
   * consent without `purposes` is touched. Returns how many consents it mapped.
   */
  async mapPurposesOfEarlierConsents(): Promise<number> {
    const unmapped = { consents: { $elemMatch: { purposes: { $exists: false } } } };
    let mapped = 0;
    for await (const { _id } of this.residents.find(unmapped, { _id: 1 }).lean().cursor()) {
      mapped += await withTransaction(this.connection, async (session) => {
        const resident = await this.residents
          .findOne({ _id, ...unmapped }, null, { session })
          .lean()
          .exec();
        if (!resident) return 0;
        const consents = resident.consents as Array<Consent & { _id: Types.ObjectId }>;
        const earlier = consents.filter((consent) => consent.purposes === undefined);
        for (const consent of earlier) {
          const purposes = purposesOfLegacyWords(consent.purpose);
          await this.residents.updateOne(
            { _id, consents: { $elemMatch: { _id: consent._id, purposes: { $exists: false } } } },
            { $set: { 'consents.$.purposes': purposes, 'consents.$.purposesUnmatched': purposes.length === 0 } },
            { session },
          );
          await this.outbox.record(
            consentPurposesMapped,
            {
              consentId: String(consent._id),
              residentId: String(_id),
              kind: consent.kind,
              purposes,
              unmatched: purposes.length === 0,
            },
            { session },
          );
        }
        return earlier.length;
      });
    }
    return mapped;
  }

  /** The resident whose consent this is, or CONSENT.NOT_FOUND. */
  async residentWithConsent(consentId: string): Promise<ResidentDocument> {
    const resident = await this.residents.findOne({ 'consents._id': new Types.ObjectId(consentId) }).exec();
    if (!resident) throw ConsentErrors.notFound(consentId);
    return resident;
  }

  async withdraw(resident: ConsentingResident, consentId: string): Promise<Consent> {
    const withdrawnAt = this.clock.now();
    return withTransaction(this.connection, async (session) => {
      // Matching withdrawnAt: null makes two concurrent withdrawals record one event, not two.
      const updated = await this.residents
        .findOneAndUpdate(
          { _id: resident.id, consents: { $elemMatch: { _id: new Types.ObjectId(consentId), withdrawnAt: null } } },
          { $set: { 'consents.$.withdrawnAt': withdrawnAt } },
          { session, returnDocument: 'after' },
        )
        .exec();
      if (!updated) throw ConsentErrors.alreadyWithdrawn(consentId);
      const consent = updated.consents.find((given) => given.id === consentId)!;
      await this.outbox.record(
        consentWithdrawn,
        { consentId, residentId: resident.id, kind: consent.kind, withdrawnAt: withdrawnAt.toISOString() },
        { session },
      );
      return consent;
    });
  }

  private async requireGuardianOf(child: ConsentingResident, guardianResidentId: string): Promise<void> {
    const guardian = await this.residents.findById(guardianResidentId).exec();
    const isGuardian =
      guardian &&
      !guardian.movedOutAt &&
      guardian.householdId.equals(child.householdId) &&
      ADULT_AGE_BANDS.includes(guardian.ageBand);
    if (!isGuardian) throw ConsentErrors.invalidGuardian(guardianResidentId);
  }
}
