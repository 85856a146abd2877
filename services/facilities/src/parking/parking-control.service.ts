import { parkingViolationRecorded } from '@gongzhi/contracts';
import {
  allowedSteps,
  type ConnectionArgs,
  childConnection,
  currentActor,
  OutboxPublisher,
  type RequestLoaders,
  withTransaction,
  Clock,
} from '@gongzhi/platform';
import { Injectable } from '@nestjs/common';
import { InjectConnection, InjectModel } from '@nestjs/mongoose';
import type { Connection, Model } from 'mongoose';
import type { HouseholdPlaceIds } from '../organization-copy/place';
import type { ParkingLotDocument } from './parking-lot.schema';
import { ParkingViolation } from './parking-violation.schema';
import { ParkingErrors } from './parking.errors';
import { ParkingOverstaysService } from './parking-overstays.service';
import type { IssueVisitorPassInput, RecordParkingViolationInput } from './parking.inputs';
import { VisitorPass, type VisitorPassDocument, VisitorPassStatus } from './visitor-pass.schema';
import { VISITOR_PASS_STEPS, VisitorPassAction, visitorPassStatus } from './visitor-pass-steps';

/** A visit lasts at most three days; longer stays are a permit's business. */
const MAX_PASS_HOURS = 72;
const HOUR_MS = 3600 * 1000;

/** Who else may park (visitors on a household's pass) and who parked where they should not (violations). */
@Injectable()
export class ParkingControlService {
  constructor(
    @InjectModel(VisitorPass.name) readonly passes: Model<VisitorPass>,
    @InjectModel(ParkingViolation.name) private readonly violations: Model<ParkingViolation>,
    @InjectConnection() private readonly connection: Connection,
    private readonly outbox: OutboxPublisher,
    private readonly clock: Clock,
    private readonly overstays: ParkingOverstaysService,
  ) {}

  issueVisitorPass(
    lot: ParkingLotDocument,
    household: HouseholdPlaceIds,
    { plate, validFrom, validUntil }: IssueVisitorPassInput,
  ) {
    const hours = (validUntil.getTime() - validFrom.getTime()) / HOUR_MS;
    if (hours <= 0 || hours > MAX_PASS_HOURS || validUntil <= this.clock.now())
      throw ParkingErrors.invalidPassPeriod(MAX_PASS_HOURS);
    return this.passes.create({
      issuedAt: this.clock.now(),
      plate,
      validFrom,
      validUntil,
      lotId: lot._id,
      householdId: household.householdId,
      buildingId: household.buildingId,
      compoundId: household.compoundId,
      communityId: household.communityId,
    });
  }

  /**
   * Takes a pass back before it expires; from then on the gate treats its plate as having no pass, and a visitor
   * inside on it overstays.
   */
  async revokeVisitorPass(pass: VisitorPassDocument, reason: string) {
    const now = this.clock.now();
    const refused = (status = visitorPassStatus(pass, now)) =>
      ParkingErrors.passIllegalStep(pass.id, status, VisitorPassAction.REVOKE);
    if (!allowedSteps(VISITOR_PASS_STEPS, visitorPassStatus(pass, now)).includes(VisitorPassAction.REVOKE))
      throw refused();
    const revoked = await this.passes
      .findOneAndUpdate(
        { _id: pass._id, revokedAt: null, validUntil: { $gt: now } },
        { $set: { revokedAt: now, revokedReason: reason } },
        { returnDocument: 'after' },
      )
      .exec();
    // Revoked meanwhile by another request.
    if (!revoked) throw refused(VisitorPassStatus.REVOKED);
    // A visitor inside on the pass overstays from now on.
    await this.overstays.passRevoked(revoked._id, now);
    return revoked;
  }

  recordViolation(lot: ParkingLotDocument, input: RecordParkingViolationInput) {
    return withTransaction(this.connection, async (session) => {
      const [violation] = await this.violations.create(
        [
          {
            plate: input.plate,
            kind: input.kind,
            note: input.note ?? null,
            photoUrl: input.photoUrl ?? null,
            observedAt: this.clock.now(),
            recordedBy: currentActor().id,
            lotId: lot._id,
            communityId: lot.communityId,
            compoundId: lot.compoundId,
          },
        ],
        { session },
      );
      await this.outbox.record(
        parkingViolationRecorded,
        {
          violationId: violation.id,
          lotId: lot.id,
          compoundId: String(lot.compoundId),
          communityId: String(lot.communityId),
          kind: violation.kind,
        },
        { session },
      );
      return violation;
    });
  }

  /** Newest first. */
  violationsOf(loaders: RequestLoaders, lotId: string, args: ConnectionArgs) {
    return childConnection(loaders, this.violations, 'lotId', lotId, args, { sortBy: 'observedAt', direction: -1 });
  }

  /** A household's passes, latest first. */
  passesOf(loaders: RequestLoaders, householdId: string, args: ConnectionArgs) {
    return childConnection(loaders, this.passes, 'householdId', householdId, args, {
      sortBy: 'validFrom',
      direction: -1,
    });
  }
}
