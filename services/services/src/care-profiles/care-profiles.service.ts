import { careProfileErased, careProfileRecorded } from '@gongzhi/contracts';
import { OutboxPublisher, RequestLoaders, byKeys, withTransaction } from '@gongzhi/platform';
import { Injectable, type OnModuleInit } from '@nestjs/common';
import { InjectConnection, InjectModel } from '@nestjs/mongoose';
import { ClientSession, Connection, Model, Types } from 'mongoose';
import { aboutResident } from '../organization-copy/about-resident.schema';
import { isChildUnder14, isElder, isMinor } from '../organization-copy/age-band';
import { ConsentKind, type DirectoryResidentDocument, hasConsentInForce } from '../organization-copy/directory.schema';
import { ResidentDirectory } from '../organization-copy/directory.service';
import { CareProfile, CareProfileDocument, CareProfileKind } from './care-profile.schema';
import { CareProfileErrors } from './care-profiles.errors';
import { RecordCareProfileInput } from './care-profiles.inputs';

/**
 * Care recipients' profiles, each resting on the consents organization recorded: a child under 14 has one only with a
 * guardian's consent, health notes are kept only with the separate consent to sensitive data (for a child under 14,
 * the guardian's). When such a consent is withdrawn, what rested on it is erased in the same transaction.
 */
@Injectable()
export class CareProfilesService implements OnModuleInit {
  constructor(
    @InjectModel(CareProfile.name) private readonly profiles: Model<CareProfile>,
    @InjectConnection() private readonly connection: Connection,
    private readonly outbox: OutboxPublisher,
    private readonly directory: ResidentDirectory,
  ) {}

  async onModuleInit(): Promise<void> {
    await this.profiles.init();
    this.directory.afterConsentWithdrawn(({ residentId, kind }, session) =>
      this.eraseWhatRestedOn(residentId, kind, session),
    );
  }

  async record(resident: DirectoryResidentDocument, input: RecordCareProfileInput): Promise<CareProfileDocument> {
    const fits = input.kind === CareProfileKind.ELDER ? isElder(resident.ageBand) : isMinor(resident.ageBand);
    if (!fits) throw CareProfileErrors.kindMismatch(input.kind, resident.ageBand);
    const residentId = String(resident._id);
    const child = isChildUnder14(resident.ageBand);
    const guardianConsent = resident.consents.find(
      (consent) => consent.kind === ConsentKind.GUARDIAN && !consent.withdrawnAt,
    );
    if (child && !guardianConsent) throw CareProfileErrors.guardianConsentRequired(residentId);
    if (input.health && !child && !hasConsentInForce(resident, ConsentKind.SENSITIVE_DATA))
      throw CareProfileErrors.healthConsentRequired(residentId);
    // What the profile rests on must still be in force when it is written.
    const restsOn = child
      ? { kind: ConsentKind.GUARDIAN, orElse: () => CareProfileErrors.guardianConsentRequired(residentId) }
      : input.health
        ? { kind: ConsentKind.SENSITIVE_DATA, orElse: () => CareProfileErrors.healthConsentRequired(residentId) }
        : undefined;
    const health = input.health
      ? { ...input.health, mobility: input.health.mobility ?? null, medication: input.health.medication ?? null }
      : null;
    return withTransaction(this.connection, async (session) => {
      await this.directory.holdLivingResident(resident._id, session, restsOn);
      const profile = await this.profiles
        .findOneAndUpdate(
          { residentId: resident._id },
          {
            $set: {
              ...aboutResident(resident),
              kind: input.kind,
              livesAlone: input.livesAlone,
              needs: input.needs,
              guardianResidentId: guardianConsent?.guardianResidentId ?? null,
              health,
            },
          },
          { upsert: true, session, returnDocument: 'after' },
        )
        .orFail()
        .exec();
      await this.outbox.record(
        careProfileRecorded,
        { profileId: profile.id, residentId, kind: input.kind, withHealthNotes: health !== null },
        { session },
      );
      return profile;
    });
  }

  /** The profiles of every resident asked for in the request, in one query. */
  ofResident(loaders: RequestLoaders, residentId: string): Promise<CareProfileDocument | null> {
    return loaders
      .get<string, CareProfileDocument | null>('CareProfile.byResident', async (residentIds) => {
        const profiles: CareProfileDocument[] = await this.profiles
          .find({
            residentId: {
              $in: residentIds.filter((id) => Types.ObjectId.isValid(id)).map((id) => new Types.ObjectId(id)),
            },
          })
          .exec();
        return byKeys(residentIds, profiles, (profile) => String(profile.residentId));
      })
      .load(residentId);
  }

  private async eraseWhatRestedOn(
    residentId: Types.ObjectId,
    kind: ConsentKind,
    session: ClientSession,
  ): Promise<void> {
    const resident = await this.directory.residents.findById(residentId, null, { session }).orFail().exec();
    // Another consent of the same kind may still be in force (both parents consented for a child).
    if (hasConsentInForce(resident, kind)) return;
    if (kind === ConsentKind.GUARDIAN) {
      const { deletedCount } = await this.profiles.deleteOne({ residentId, childUnder14: true }, { session }).exec();
      if (deletedCount)
        await this.outbox.record(careProfileErased, { residentId: String(residentId), erased: 'PROFILE' }, { session });
    } else {
      const { modifiedCount } = await this.profiles
        .updateOne({ residentId, childUnder14: false, health: { $ne: null } }, { $set: { health: null } }, { session })
        .exec();
      if (modifiedCount)
        await this.outbox.record(
          careProfileErased,
          { residentId: String(residentId), erased: 'HEALTH_NOTES' },
          { session },
        );
    }
  }
}
