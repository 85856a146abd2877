import { costShareCreated, costSharePaymentRecorded } from '@gongzhi/contracts';
import {
  type ConnectionArgs,
  loadById,
  OutboxPublisher,
  paginate,
  type RequestLoaders,
  toConnection,
  withTransaction,
} from '@gongzhi/platform';
import { Injectable } from '@nestjs/common';
import { InjectConnection, InjectModel } from '@nestjs/mongoose';
import { type Connection, type Model, Types } from 'mongoose';
import { Clock } from '@gongzhi/platform';
import type { PlaceIds } from '../organization-copy/place';
import { TerritoryService } from '../organization-copy/territory.service';
import { CostShare, type CostShareDocument, CostSplit } from './cost-share.schema';
import { CostSharingErrors } from './cost-sharing.errors';
import type { CreateCostShareInput, RecordCostSharePaymentInput } from './cost-sharing.inputs';
import { splitByWeight } from './split';

const NEWEST_FIRST = { sortBy: 'createdAt', direction: -1 } as const;
/** The most households one ledger splits among (a compound rarely has more). */
const MAX_HOUSEHOLDS = 2000;

/** The ledger of a shared expense: each household's share, split to the fen, and the payments towards it. */
@Injectable()
export class CostSharingService {
  constructor(
    @InjectModel(CostShare.name) readonly costShares: Model<CostShare>,
    @InjectConnection() private readonly connection: Connection,
    private readonly outbox: OutboxPublisher,
    private readonly territory: TerritoryService,
    private readonly clock: Clock,
  ) {}

  async create(
    loaders: RequestLoaders,
    compound: PlaceIds,
    { title, totalFen, splitBy, households: listed }: CreateCostShareInput,
  ) {
    const householdIds = listed
      ? listed.map(({ householdId }) => householdId)
      : await this.territory.householdIdsOf(compound.compoundId!, MAX_HOUSEHOLDS + 1);
    if (householdIds.length === 0) throw CostSharingErrors.noHouseholds();
    if (householdIds.length > MAX_HOUSEHOLDS) throw CostSharingErrors.tooManyHouseholds(MAX_HOUSEHOLDS);
    const seen = new Set<string>();
    for (const householdId of householdIds) {
      if (seen.has(householdId)) throw CostSharingErrors.householdListedTwice(householdId);
      seen.add(householdId);
    }
    // Where each household is and its area, from facilities' copy of organization's register: never the caller's word.
    const registered = await Promise.all(
      householdIds.map((householdId) => this.territory.registeredHousehold(loaders, householdId)),
    );
    const stranger = registered.find((place) => !place.compoundId.equals(compound.compoundId));
    if (stranger) throw CostSharingErrors.householdNotInCompound(String(stranger.householdId));
    const unmeasured = registered.find((place) => place.floorArea === null);
    if (splitBy === CostSplit.BY_FLOOR_AREA && unmeasured)
      throw CostSharingErrors.floorAreaNotRegistered(String(unmeasured.householdId));
    // Floor areas in hundredths of a m², so the weights are whole numbers.
    const weights = registered.map(({ floorArea }) =>
      splitBy === CostSplit.BY_FLOOR_AREA ? Math.round(floorArea! * 100) : 1,
    );
    const dues = splitByWeight(totalFen, weights);
    return withTransaction(this.connection, async (session) => {
      const [costShare] = await this.costShares.create(
        [
          {
            title,
            totalFen,
            splitBy,
            shares: registered.map(({ householdId, floorArea }, index) => ({
              householdId,
              floorArea: splitBy === CostSplit.BY_FLOOR_AREA ? floorArea : null,
              dueFen: dues[index],
            })),
            communityId: compound.communityId,
            compoundId: compound.compoundId!,
          },
        ],
        { session },
      );
      await this.outbox.record(
        costShareCreated,
        {
          costShareId: costShare.id,
          compoundId: String(compound.compoundId),
          communityId: String(compound.communityId),
          totalFen,
          splitBy,
          households: registered.length,
        },
        { session },
      );
      return costShare;
    });
  }

  /** Records a payment towards one household's share; never more than it still owes. */
  async recordPayment(costShare: CostShareDocument, { householdId, amountFen }: RecordCostSharePaymentInput) {
    const share = costShare.shares.find((candidate) => String(candidate.householdId) === householdId);
    if (!share) throw CostSharingErrors.notSharing(householdId);
    const outstandingFen = share.dueFen - share.paidFen;
    if (amountFen > outstandingFen) throw CostSharingErrors.overpaid(outstandingFen);
    return withTransaction(this.connection, async (session) => {
      // Only if nobody recorded a payment for this household since it was read: two treasurers never overpay it together.
      const paid = await this.costShares
        .findOneAndUpdate(
          { _id: costShare._id, shares: { $elemMatch: { householdId: share.householdId, paidFen: share.paidFen } } },
          {
            $inc: { 'shares.$.paidFen': amountFen },
            $push: { 'shares.$.payments': { amountFen, at: this.clock.now() } },
          },
          { session, returnDocument: 'after' },
        )
        .exec();
      if (!paid) throw CostSharingErrors.changedMeanwhile();
      const householdShare = paid.shares.find((candidate) => String(candidate.householdId) === householdId)!;
      await this.outbox.record(
        costSharePaymentRecorded,
        {
          costShareId: costShare.id,
          householdId,
          communityId: String(costShare.communityId),
          amountFen,
          outstandingFen: outstandingFen - amountFen,
        },
        { session },
      );
      return { costShare: paid, householdShare };
    });
  }

  /** The ledgers of a compound, or of every compound of a community, newest first. */
  ofPlace(place: PlaceIds, page: ConnectionArgs) {
    const filter = place.compoundId ? { compoundId: place.compoundId } : { communityId: place.communityId };
    return paginate(this.costShares, filter, page, NEWEST_FIRST);
  }

  /** The costs a household shares, newest first; the first pages of every household asked about in one query. */
  ofHousehold(loaders: RequestLoaders, householdId: string, page: ConnectionArgs) {
    const filter = { 'shares.householdId': new Types.ObjectId(householdId) };
    if (page.after) return paginate(this.costShares, filter, page, NEWEST_FIRST);
    const count = () => this.costShares.countDocuments(filter).exec();
    return loaders
      .get<string, CostShareDocument[]>('CostShare.byHousehold', async (householdIds) => {
        const rows = await this.costShares
          .find({ 'shares.householdId': { $in: householdIds.map((id) => new Types.ObjectId(id)) } })
          .sort({ createdAt: -1, _id: -1 })
          .exec();
        return householdIds.map((id) =>
          rows.filter((row) => row.shares.some((share) => String(share.householdId) === id)),
        );
      })
      .load(householdId)
      .then((rows) => toConnection(rows.slice(0, page.first + 1), page.first, NEWEST_FIRST, count));
  }

  load(loaders: RequestLoaders, id: unknown) {
    return loadById(loaders, this.costShares, id);
  }
}
