import { gardenClaimEnded, gardenPlotClaimed } from '@gongzhi/contracts';
import {
  type ConnectionArgs,
  childConnection,
  currentActor,
  loadById,
  OutboxPublisher,
  paginate,
  refuseDuplicates,
  type RequestLoaders,
  withTransaction,
  Clock,
  allowedSteps,
} from '@gongzhi/platform';
import { Injectable } from '@nestjs/common';
import { InjectConnection, InjectModel } from '@nestjs/mongoose';
import type { ClientSession, Connection, Model, Types } from 'mongoose';
import type { InPlaceArgs } from '../organization-copy/place.inputs';
import type { HouseholdPlaceIds, PlaceIds } from '../organization-copy/place';
import { TerritoryService } from '../organization-copy/territory.service';
import {
  GardenCareKind,
  GardenCareLog,
  GardenClaim,
  GardenClaimant,
  type GardenClaimDocument,
  GardenClaimStatus,
  type GardenCovenant,
} from './garden-claim.schema';
import { GardenPlot, type GardenPlotDocument } from './garden-plot.schema';
import { GardenClaimAction, GARDEN_CLAIM_STEPS } from './garden-claim-steps';
import { GardenErrors } from './gardens.errors';
import type { RegisterGardenPlotInput } from './gardens.inputs';

const DAY_MS = 24 * 3600 * 1000;
/** A covenant runs two years at the most; then the plot is claimed anew. */
const MAX_TERM_DAYS = 730;
const BY_NAME = { sortBy: 'name' } as const;

export type EndReason = 'RELEASED' | 'TERM_ENDED' | 'CARE_LAPSED';
export type Claimant =
  | { kind: GardenClaimant.HOUSEHOLD; household: HouseholdPlaceIds }
  | { kind: GardenClaimant.VOLUNTEER_TEAM; teamName: string };

/**
 * Shared garden plots under the garden covenant (花圃契约): claimed at once when free or queued when not, cared for
 * with logged watering and weeding, and passed to the next on the waiting list when a claim is released or lapses.
 */
@Injectable()
export class GardensService {
  constructor(
    @InjectModel(GardenPlot.name) readonly plots: Model<GardenPlot>,
    @InjectModel(GardenClaim.name) readonly claims: Model<GardenClaim>,
    @InjectModel(GardenCareLog.name) private readonly careLogs: Model<GardenCareLog>,
    @InjectConnection() private readonly connection: Connection,
    private readonly outbox: OutboxPublisher,
    private readonly territory: TerritoryService,
    private readonly clock: Clock,
  ) {}

  registerPlot({ name, area, description }: RegisterGardenPlotInput, place: PlaceIds) {
    const { communityId, compoundId } = place;
    return refuseDuplicates(
      () =>
        this.plots.create({ name, area, description: description ?? null, communityId, compoundId, buildingId: null }),
      () => GardenErrors.plotAlreadyExists(name),
    );
  }

  /** Takes the plot on when it is free; otherwise joins its waiting list. */
  async claim(plot: GardenPlotDocument, claimant: Claimant, covenant: GardenCovenant) {
    const now = this.clock.now();
    const termDays = (covenant.termEndsAt.getTime() - now.getTime()) / DAY_MS;
    if (termDays <= 0 || termDays > MAX_TERM_DAYS) throw GardenErrors.invalidTerm(MAX_TERM_DAYS);
    const who =
      claimant.kind === GardenClaimant.HOUSEHOLD
        ? { householdId: claimant.household.householdId }
        : { teamName: claimant.teamName };
    if (
      await this.claims.exists({
        plotId: plot._id,
        status: { $in: [GardenClaimStatus.WAITING, GardenClaimStatus.ACTIVE] },
        ...who,
      })
    ) {
      throw GardenErrors.claimAlreadyExists();
    }
    const claiming = () =>
      withTransaction(this.connection, async (session) => {
        const [claim] = await this.claims.create(
          [
            {
              claimant: claimant.kind,
              householdId: null,
              teamName: null,
              ...who,
              covenant,
              status: GardenClaimStatus.WAITING,
              requestedAt: now,
              claimedBy: currentActor().id,
              plotId: plot._id,
              communityId: plot.communityId,
              compoundId: plot.compoundId,
              buildingId: null,
            },
          ],
          { session },
        );
        // Taking a free plot is one conditional update of the plot: of two claims racing for it, one takes it, one waits.
        const taken = await this.plots.updateOne(
          { _id: plot._id, currentClaimId: null },
          { $set: { currentClaimId: claim._id } },
          { session },
        );
        return taken.modifiedCount === 1 ? this.activate(claim._id, now, session) : claim;
      });
    return refuseDuplicates(claiming, () => GardenErrors.claimAlreadyExists());
  }

  /** Logs care on the plot the active claim holds; the claim's lapse moves with it. */
  async logCare(claim: GardenClaimDocument, kind: GardenCareKind, note: string | undefined) {
    const notHolding = () =>
      GardenErrors.illegalStep(GardenClaimAction.LOG_CARE, 'the claim does not hold the plot now');
    if (!allowedSteps(GARDEN_CLAIM_STEPS, claim.status).includes(GardenClaimAction.LOG_CARE)) throw notHolding();
    const now = this.clock.now();
    const cared = {
      lastWateredAt: kind === GardenCareKind.WATERING ? now : claim.lastWateredAt,
      lastWeededAt: kind === GardenCareKind.WEEDING ? now : claim.lastWeededAt,
    };
    return withTransaction(this.connection, async (session) => {
      const [log] = await this.careLogs.create(
        [{ kind, at: now, note: note ?? null, plotId: claim.plotId, claimId: claim._id }],
        { session },
      );
      const updated = await this.claims
        .findOneAndUpdate(
          { _id: claim._id, status: { $in: GARDEN_CLAIM_STEPS[GardenClaimAction.LOG_CARE] } },
          { $set: { ...cared, lapsesAt: lapsesAt(claim.covenant, claim.activeSince!, cared) } },
          { session, returnDocument: 'after' },
        )
        .exec();
      // Released or lapsed meanwhile.
      if (!updated) throw notHolding();
      return { gardenCareLog: log, gardenClaim: updated };
    });
  }

  /** Gives a claim up: a waiting one leaves the list, an active one frees the plot for the next in line. */
  async release(claim: GardenClaimDocument) {
    const now = this.clock.now();
    return withTransaction(this.connection, async (session) => {
      const released = await this.end(
        claim._id,
        GARDEN_CLAIM_STEPS[GardenClaimAction.RELEASE],
        GardenClaimStatus.RELEASED,
        'RELEASED',
        now,
        session,
      );
      if (!released) throw GardenErrors.illegalStep(GardenClaimAction.RELEASE, 'the claim has already ended');
      if (claim.status === GardenClaimStatus.ACTIVE) await this.passOn(claim.plotId, now, session);
      return released;
    });
  }

  /**
   * Ends an active claim whose term is over or whose care stopped, and passes the plot on; false when it was no longer
   * active (released meanwhile, or ended by another sweep).
   */
  lapse(claim: GardenClaimDocument, now: Date): Promise<boolean> {
    const reason: EndReason = claim.covenant.termEndsAt <= now ? 'TERM_ENDED' : 'CARE_LAPSED';
    return withTransaction(this.connection, async (session) => {
      if (!(await this.end(claim._id, [GardenClaimStatus.ACTIVE], GardenClaimStatus.LAPSED, reason, now, session)))
        return false;
      await this.passOn(claim.plotId, now, session);
      return true;
    });
  }

  async listPlots(loaders: RequestLoaders, { placeId, ...page }: InPlaceArgs) {
    return paginate(this.plots, placeId ? await this.territory.within(loaders, placeId) : {}, page, BY_NAME);
  }

  /** The plots of each community or compound of a page, in one query for all of them. */
  plotsOf(loaders: RequestLoaders, level: 'communityId' | 'compoundId', placeId: string, args: ConnectionArgs) {
    return childConnection(loaders, this.plots, level, placeId, args, BY_NAME);
  }

  /** Newest first. */
  careLogsOf(loaders: RequestLoaders, plotId: string, args: ConnectionArgs) {
    return childConnection(loaders, this.careLogs, 'plotId', plotId, args, { sortBy: 'at', direction: -1 });
  }

  /** In the order the plot will pass on. */
  waitingFor(loaders: RequestLoaders, plotId: string, args: ConnectionArgs) {
    return childConnection(loaders, this.claims, 'plotId', plotId, args, {
      sortBy: 'requestedAt',
      filter: { status: GardenClaimStatus.WAITING },
    });
  }

  /** A household's claims, newest first. */
  claimsOf(loaders: RequestLoaders, householdId: string, args: ConnectionArgs) {
    return childConnection(loaders, this.claims, 'householdId', householdId, args, {
      sortBy: 'requestedAt',
      direction: -1,
    });
  }

  loadPlot(loaders: RequestLoaders, id: unknown) {
    return loadById(loaders, this.plots, id);
  }

  loadClaim(loaders: RequestLoaders, id: unknown) {
    return loadById(loaders, this.claims, id);
  }

  /** The claim holding the plot now. */
  holderOf(plotId: Types.ObjectId) {
    return this.claims.findOne({ plotId, status: GardenClaimStatus.ACTIVE }).exec();
  }

  private async activate(claimId: Types.ObjectId, now: Date, session: ClientSession) {
    const claim = await this.claims.findById(claimId).session(session).exec();
    const active = await this.claims
      .findOneAndUpdate(
        { _id: claimId, status: GardenClaimStatus.WAITING },
        {
          $set: {
            status: GardenClaimStatus.ACTIVE,
            activeSince: now,
            lastWateredAt: null,
            lastWeededAt: null,
            lapsesAt: lapsesAt(claim!.covenant, now, {}),
          },
        },
        { session, returnDocument: 'after' },
      )
      .exec();
    await this.outbox.record(
      gardenPlotClaimed,
      {
        claimId: active!.id,
        plotId: String(active!.plotId),
        communityId: String(active!.communityId),
        claimant: active!.claimant,
        householdId: active!.householdId && String(active!.householdId),
        termEndsAt: active!.covenant.termEndsAt.toISOString(),
      },
      { session },
    );
    return active!;
  }

  private async end(
    claimId: Types.ObjectId,
    from: readonly GardenClaimStatus[],
    to: GardenClaimStatus,
    reason: EndReason,
    now: Date,
    session: ClientSession,
  ) {
    const ended = await this.claims
      .findOneAndUpdate(
        { _id: claimId, status: { $in: from } },
        { $set: { status: to, endReason: reason, endedAt: now, lapsesAt: null } },
        { session, returnDocument: 'after' },
      )
      .exec();
    if (ended && from.includes(GardenClaimStatus.ACTIVE)) {
      await this.outbox.record(
        gardenClaimEnded,
        { claimId: ended.id, plotId: String(ended.plotId), communityId: String(ended.communityId), reason },
        { session },
      );
    }
    return ended;
  }

  /** The plot goes to the first on its waiting list, or stands free. */
  private async passOn(plotId: Types.ObjectId, now: Date, session: ClientSession): Promise<void> {
    const next = await this.claims
      .findOne({ plotId, status: GardenClaimStatus.WAITING })
      .sort({ requestedAt: 1, _id: 1 })
      .session(session)
      .exec();
    await this.plots.updateOne({ _id: plotId }, { $set: { currentClaimId: next?._id ?? null } }, { session });
    if (next) await this.activate(next._id, now, session);
  }
}

/** The covenant's deadline for an active claim: the term's end, or twice a care interval after the last such care. */
function lapsesAt(
  covenant: GardenCovenant,
  activeSince: Date,
  cared: { lastWateredAt?: Date | null; lastWeededAt?: Date | null },
): Date {
  const graceEnd = (last: Date | null | undefined, everyDays: number) =>
    (last ?? activeSince).getTime() + 2 * everyDays * DAY_MS;
  return new Date(
    Math.min(
      covenant.termEndsAt.getTime(),
      graceEnd(cared.lastWateredAt, covenant.careSchedule.wateringEveryDays),
      graceEnd(cared.lastWeededAt, covenant.careSchedule.weedingEveryDays),
    ),
  );
}
