import { allianceChanged, allianceDissolved, allianceFormed } from '@gongzhi/contracts';
import {
  Clock,
  type ConnectionArgs,
  childConnection,
  loadById,
  NotFoundError,
  OutboxPublisher,
  paginate,
  refuseDuplicates,
  type RequestLoaders,
  requirePermission,
  withTransaction,
} from '@gongzhi/platform';
import { Injectable, type OnModuleInit } from '@nestjs/common';
import { InjectConnection, InjectModel } from '@nestjs/mongoose';
import { type ClientSession, type Connection, type Model, type QueryFilter, Types } from 'mongoose';
import { resolveJurisdiction } from '../access/jurisdiction';
import { pathTo } from '../org-units/org-units.access';
import { OrgUnit } from '../org-units/org-unit.schema';
import { Community } from '../territory/territory.schema';
import { TerritoryService } from '../territory/territory.service';
import { Alliance, type AllianceDocument } from './alliance.schema';
import { mayLeadAlliancesOf } from './alliances.access';
import { AllianceErrors } from './alliances.errors';
import type { AlliancesArgs, ChangeAllianceInput, DissolveAllianceInput, FormAllianceInput } from './alliances.inputs';

/** The tiers that lead an alliance: a street working committee, or a street or 邻里大党委 directly below it. */
const LEADING_TIERS = [1, 2];
const BY_NAME = { sortBy: 'name' } as const;

/**
 * Community alliances (社区联盟): which communities share rooms and activities. Who may join is a rule of the tree:
 * every member lies in the territory of the leading street unit, so a street's staff ally only communities they
 * administer. Formed, changed and dissolved with an event carrying the whole membership (facilities and services keep
 * a copy).
 */
@Injectable()
export class AlliancesService implements OnModuleInit {
  constructor(
    @InjectModel(Alliance.name) private readonly alliances: Model<Alliance>,
    @InjectModel(OrgUnit.name) private readonly units: Model<OrgUnit>,
    @InjectModel(Community.name) private readonly communities: Model<Community>,
    @InjectConnection() private readonly connection: Connection,
    private readonly outbox: OutboxPublisher,
    private readonly territory: TerritoryService,
    private readonly clock: Clock,
  ) {}

  async onModuleInit(): Promise<void> {
    await this.alliances.init();
  }

  /** Refuses callers who are not staff of the street, then members the street does not hold, before writing. */
  async form(input: FormAllianceInput): Promise<AllianceDocument> {
    const communityIds = await this.admissibleMembers(input.leadingUnitId, input.communityIds);
    return this.write(input.name, async (session) => {
      const [alliance] = await this.alliances.create(
        [{ name: input.name, leadingUnitId: new Types.ObjectId(input.leadingUnitId), communityIds, revision: 1 }],
        { session },
      );
      await this.outbox.record(allianceFormed, this.stateOf(alliance), { session });
      return alliance;
    });
  }

  async change(input: ChangeAllianceInput): Promise<AllianceDocument> {
    const alliance = await this.standing(input.allianceId);
    const leadingUnitId = String(alliance.leadingUnitId);
    const communityIds = input.communityIds
      ? await this.admissibleMembers(leadingUnitId, input.communityIds)
      : alliance.communityIds;
    const name = input.name ?? alliance.name;
    return this.write(name, async (session) => {
      const changed = await this.alliances
        .findOneAndUpdate(
          { _id: alliance._id, revision: alliance.revision },
          { $set: { name, communityIds }, $inc: { revision: 1 } },
          { session, returnDocument: 'after' },
        )
        // Another change between reading and writing: its revision moved on.
        .orFail(() => AllianceErrors.changedMeanwhile())
        .exec();
      await this.outbox.record(allianceChanged, this.stateOf(changed), { session });
      return changed;
    });
  }

  /**
   * Dissolves the alliance, by the same authority that forms it: the staff of its leading street. Its record stays,
   * with when it was dissolved, out of the lists; org.alliance.dissolved tells facilities and services to stop what
   * they share with it (bookings already made stand).
   */
  async dissolve(input: DissolveAllianceInput): Promise<AllianceDocument> {
    const alliance = await this.standing(input.allianceId);
    return withTransaction(this.connection, async (session) => {
      const dissolved = await this.alliances
        .findOneAndUpdate(
          { _id: alliance._id, revision: alliance.revision, dissolvedAt: null },
          { $set: { dissolvedAt: this.clock.now() }, $inc: { revision: 1 } },
          { session, returnDocument: 'after' },
        )
        .orFail(() => AllianceErrors.changedMeanwhile())
        .exec();
      await this.outbox.record(
        allianceDissolved,
        { ...this.stateOf(dissolved), dissolvedAt: dissolved.dissolvedAt!.toISOString() },
        { session },
      );
      return dissolved;
    });
  }

  /** The alliance, once the caller is known to be staff of its leading street; refused when it is dissolved. */
  private async standing(allianceId: string): Promise<AllianceDocument> {
    const alliance = Types.ObjectId.isValid(allianceId) ? await this.alliances.findById(allianceId).exec() : null;
    if (!alliance) throw AllianceErrors.notFound(allianceId);
    await this.leadingPath(String(alliance.leadingUnitId));
    if (alliance.dissolvedAt) throw AllianceErrors.dissolved(allianceId);
    return alliance;
  }

  async list(loaders: RequestLoaders, { placeId, ...page }: AlliancesArgs) {
    // A dissolved alliance is found by its id only.
    const filter: QueryFilter<Alliance> = { dissolvedAt: null };
    // Members are communities: a compound or building stands for the community it lies in.
    if (placeId) filter.communityIds = new Types.ObjectId((await this.territory.place(loaders, placeId)).communityId);
    return paginate(this.alliances, filter, page, BY_NAME);
  }

  /** The alliances of each community of a page, in one query for all of them. */
  ofCommunity(loaders: RequestLoaders, communityId: string, page: ConnectionArgs) {
    return childConnection(loaders, this.alliances, 'communityIds', communityId, page, {
      ...BY_NAME,
      filter: { dissolvedAt: null },
    });
  }

  /** An alliance's member communities by name. */
  members(alliance: Alliance, page: ConnectionArgs) {
    return paginate(this.communities, { _id: { $in: alliance.communityIds } }, page, BY_NAME);
  }

  load(loaders: RequestLoaders, id: unknown) {
    return loadById(loaders, this.alliances, id);
  }

  leadingUnit(loaders: RequestLoaders, alliance: Alliance) {
    return loadById(loaders, this.units, alliance.leadingUnitId);
  }

  /** The leading unit's path from the top, once the caller is known to be staff of it; refused otherwise. */
  private async leadingPath(leadingUnitId: string) {
    const unit = Types.ObjectId.isValid(leadingUnitId)
      ? await this.units.findById(leadingUnitId, { tier: 1, ancestorIds: 1 }).lean().exec()
      : null;
    // Staff are asked first, so whether a unit exists is not told to those who may not lead alliances at all.
    requirePermission(mayLeadAlliancesOf(unit ? pathTo(unit) : []));
    if (!unit || !LEADING_TIERS.includes(unit.tier)) throw AllianceErrors.invalidLeadingUnit(leadingUnitId);
    return unit;
  }

  /** The members, each once, when there are at least two, all communities that lie under the leading unit. */
  private async admissibleMembers(leadingUnitId: string, requested: string[]): Promise<Types.ObjectId[]> {
    await this.leadingPath(leadingUnitId);
    const ids = [...new Set(requested)];
    if (ids.length < 2) throw AllianceErrors.tooFewMembers();
    const found = await this.communities
      .find({ _id: { $in: ids.map((id) => new Types.ObjectId(id)) } }, { _id: 1 })
      .lean()
      .exec();
    const unknown = ids.find((id) => !found.some((community) => String(community._id) === id));
    if (unknown) throw new NotFoundError('Community', unknown);
    const held = (await resolveJurisdiction(this.units, [leadingUnitId])).get(leadingUnitId)?.communityIds ?? [];
    const outside = ids.filter((id) => !held.includes(id));
    if (outside.length) throw AllianceErrors.memberOutsideStreet(outside);
    return ids.map((id) => new Types.ObjectId(id));
  }

  private write(name: string, change: (session: ClientSession) => Promise<AllianceDocument>) {
    return refuseDuplicates(
      () => withTransaction(this.connection, change),
      () => AllianceErrors.alreadyExists(name),
    );
  }

  private stateOf(alliance: AllianceDocument) {
    return {
      allianceId: alliance.id,
      name: alliance.name,
      leadingUnitId: String(alliance.leadingUnitId),
      communityIds: alliance.communityIds.map(String),
      revision: alliance.revision,
    };
  }
}
