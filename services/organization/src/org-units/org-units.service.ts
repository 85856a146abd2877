import {
  ConnectionShape,
  OutboxPublisher,
  RequestLoaders,
  byKeys,
  loadById,
  loadManyById,
  paginate,
  refuseDuplicates,
  withTransaction,
} from '@gongzhi/platform';
import { orgUnitCreated, orgUnitMoved, orgUnitRenamed } from '@gongzhi/contracts';
import { Inject, Injectable, OnModuleInit } from '@nestjs/common';
import { InjectConnection, InjectModel } from '@nestjs/mongoose';
import { Connection, Model, QueryFilter, Types } from 'mongoose';
import { OrganizationConfig } from '../config';
import { CreateOrgUnitInput, DescendantsArgs, OrgUnitsArgs } from './org-unit.inputs';
import { OrgUnitErrors } from './org-unit.errors';
import { OrgUnit, OrgUnitDocument, TOP_TIER } from './org-unit.schema';
import { BUILT_IN_TIER_SCHEMES, TierScheme, TierSchemeDocument } from './tier-scheme.schema';
import { ORGANIZATION_CONFIG } from '../organization.tokens';

/** The five-tier tree: its invariants live here, and every change commits together with its event. */
@Injectable()
export class OrgUnitsService implements OnModuleInit {
  constructor(
    @InjectModel(OrgUnit.name) private readonly units: Model<OrgUnit>,
    @InjectModel(TierScheme.name) private readonly schemes: Model<TierScheme>,
    @InjectConnection() private readonly connection: Connection,
    @Inject(ORGANIZATION_CONFIG) private readonly config: OrganizationConfig,
    private readonly outbox: OutboxPublisher,
  ) {}

  /** The built-in schemes are always there; an installation may add its own. */
  async onModuleInit(): Promise<void> {
    await Promise.all([this.units.init(), this.schemes.init()]);
    await this.schemes.bulkWrite(
      Object.entries(BUILT_IN_TIER_SCHEMES).map(([key, tierNames]) => ({
        updateOne: { filter: { _id: key }, update: { $setOnInsert: { tierNames } }, upsert: true },
      })),
    );
  }

  async create(input: CreateOrgUnitInput): Promise<OrgUnitDocument> {
    const parent = await this.parentFor(input.tier, input.parentId);
    // A tree has one naming of its tiers, chosen at tier 1: every unit created in it takes it. A unit below tier 1 that
    // names another scheme is refused, not created under a naming it did not ask for.
    if (parent && input.tierScheme !== undefined && input.tierScheme !== parent.tierScheme)
      throw OrgUnitErrors.tierSchemeOfTree(input.tierScheme, parent.tierScheme);
    const tierScheme = parent?.tierScheme ?? input.tierScheme ?? this.config.ORG_DEFAULT_TIER_SCHEME;
    if (!(await this.schemes.exists({ _id: tierScheme }))) throw OrgUnitErrors.unknownTierScheme(tierScheme);
    return this.refuseDuplicateName(input.name, () =>
      withTransaction(this.connection, async (session) => {
        const [unit] = await this.units.create(
          [
            {
              tier: input.tier,
              name: input.name,
              parentId: parent?._id ?? null,
              ancestorIds: parent ? [...parent.ancestorIds, parent._id] : [],
              tierScheme,
              leader: input.leader,
              members: input.members ?? [],
              territory: input.territory ?? [],
            },
          ],
          { session },
        );
        await this.outbox.record(
          orgUnitCreated,
          { unitId: unit.id, tier: unit.tier, name: unit.name, parentId: parent?.id ?? null },
          { session },
        );
        return unit;
      }),
    );
  }

  /**
   * Moves a unit and its whole subtree under a new parent of the same tier as the old one, in one transaction:
   * readers see the subtree either all in the old place or all in the new.
   */
  async move(id: string, newParentId: string): Promise<OrgUnitDocument> {
    const unit = await this.get(id);
    if (unit.tier === TOP_TIER) throw OrgUnitErrors.topTierHasNoParent();
    // Checked before tiers: under itself or its own subtree is refused as the cycle it is.
    const target = await this.units.findById(newParentId).exec();
    if (target && (target._id.equals(unit._id) || target.ancestorIds.some((ancestor) => ancestor.equals(unit._id)))) {
      throw OrgUnitErrors.cycle(id, newParentId);
    }
    const newParent = await this.parentFor(unit.tier, newParentId);
    if (!newParent) throw OrgUnitErrors.parentRequired(unit.tier);
    const fromParentId = String(unit.parentId);
    const newPath = [...newParent.ancestorIds, newParent._id];

    return this.refuseDuplicateName(unit.name, () =>
      withTransaction(this.connection, async (session) => {
        const moved = await this.units.findOneAndUpdate(
          { _id: unit._id },
          { $set: { parentId: newParent._id, ancestorIds: newPath, tierScheme: newParent.tierScheme } },
          { session, returnDocument: 'after' },
        );
        // Every descendant keeps the part of its path below `unit` and takes the new path above it.
        const descendants = await this.units.updateMany(
          { ancestorIds: unit._id },
          [
            {
              $set: {
                tierScheme: newParent.tierScheme,
                ancestorIds: {
                  $concatArrays: [
                    newPath,
                    {
                      $slice: [
                        '$ancestorIds',
                        { $indexOfArray: ['$ancestorIds', unit._id] },
                        { $size: '$ancestorIds' },
                      ],
                    },
                  ],
                },
              },
            },
          ],
          { session, updatePipeline: true },
        );
        await this.outbox.record(
          orgUnitMoved,
          { unitId: id, fromParentId, toParentId: newParentId, movedDescendantCount: descendants.modifiedCount },
          { session },
        );
        return moved!;
      }),
    );
  }

  async rename(id: string, name: string): Promise<OrgUnitDocument> {
    const unit = await this.get(id);
    return this.refuseDuplicateName(name, () =>
      withTransaction(this.connection, async (session) => {
        const renamed = await this.units.findOneAndUpdate(
          { _id: unit._id },
          { $set: { name } },
          { session, returnDocument: 'after' },
        );
        await this.outbox.record(orgUnitRenamed, { unitId: id, previousName: unit.name, name }, { session });
        return renamed!;
      }),
    );
  }

  async get(id: string): Promise<OrgUnitDocument> {
    const unit = Types.ObjectId.isValid(id) ? await this.units.findById(id).exec() : null;
    if (!unit) throw OrgUnitErrors.notFound(id);
    return unit;
  }

  list({ tier, parentId, search, ...page }: OrgUnitsArgs): Promise<ConnectionShape<OrgUnitDocument>> {
    const filter: QueryFilter<OrgUnit> = {};
    if (tier !== undefined) filter.tier = tier;
    if (parentId) filter.parentId = new Types.ObjectId(parentId);
    if (search) filter.name = { $regex: escapeRegex(search), $options: 'i' };
    return paginate(this.units, filter, page, { sortBy: 'name' });
  }

  descendants(unitId: string, { tier, ...page }: DescendantsArgs): Promise<ConnectionShape<OrgUnitDocument>> {
    const filter: QueryFilter<OrgUnit> = { ancestorIds: new Types.ObjectId(unitId) };
    if (tier !== undefined) filter.tier = tier;
    return paginate(this.units, filter, page, { sortBy: 'name' });
  }

  /** Batched by the request's DataLoader: all units asking for the same tier's count cost one aggregate. */
  descendantCount(loaders: RequestLoaders, unitId: string, tier?: number): Promise<number> {
    return loaders
      .get<string, number>(`OrgUnit.descendantCount:${tier ?? 'all'}`, async (ids) => {
        const objectIds = ids.map((id) => new Types.ObjectId(id));
        const rows = await this.units.aggregate<{ _id: Types.ObjectId; n: number }>([
          { $match: { ancestorIds: { $in: objectIds }, ...(tier !== undefined ? { tier } : {}) } },
          { $unwind: '$ancestorIds' },
          { $match: { ancestorIds: { $in: objectIds } } },
          { $group: { _id: '$ancestorIds', n: { $sum: 1 } } },
        ]);
        const counts = new Map(rows.map((row) => [String(row._id), row.n]));
        return ids.map((id) => counts.get(id) ?? 0);
      })
      .load(unitId);
  }

  /** Units by id through the request's DataLoader: parents, ancestors and entity references share one batch. */
  load(loaders: RequestLoaders, id: unknown): Promise<OrgUnitDocument | null> {
    return loadById(loaders, this.units, id);
  }

  /** Existing units among `ids`, in the order given. */
  loadMany(loaders: RequestLoaders, ids: unknown[]): Promise<OrgUnitDocument[]> {
    return loadManyById(loaders, this.units, ids);
  }

  /** The tier scheme of the unit's tree, through the request's DataLoader. */
  tierSchemeOf(loaders: RequestLoaders, unit: OrgUnitDocument): Promise<TierSchemeDocument | null> {
    return loaders
      .get<string, TierSchemeDocument | null>('TierScheme.byId', async (keys) =>
        byKeys(keys, await this.schemes.find({ _id: { $in: keys } }).exec(), (scheme) => scheme._id),
      )
      .load(unit.tierScheme);
  }

  tierName(loaders: RequestLoaders, unit: OrgUnitDocument): Promise<string> {
    return this.tierSchemeOf(loaders, unit).then((scheme) => scheme?.tierNames[unit.tier - 1] ?? `tier ${unit.tier}`);
  }

  tierSchemes(): Promise<TierSchemeDocument[]> {
    return this.schemes.find().sort({ _id: 1 }).limit(100).exec();
  }

  async defineTierScheme(key: string, tierNames: string[]): Promise<TierSchemeDocument> {
    if (tierNames.length !== 5 || tierNames.some((name) => !name.trim())) throw OrgUnitErrors.invalidTierNames();
    return await this.schemes
      .findOneAndUpdate({ _id: key }, { $set: { tierNames } }, { upsert: true, returnDocument: 'after' })
      .exec();
  }

  private async parentFor(tier: number, parentId: string | undefined): Promise<OrgUnitDocument | null> {
    if (tier === TOP_TIER) {
      if (parentId) throw OrgUnitErrors.topTierHasNoParent();
      return null;
    }
    if (!parentId) throw OrgUnitErrors.parentRequired(tier);
    const parent = await this.units.findById(parentId).exec();
    if (!parent) throw OrgUnitErrors.parentNotFound(parentId);
    if (parent.tier !== tier - 1) throw OrgUnitErrors.tierMismatch(tier, parent.tier);
    return parent;
  }

  private refuseDuplicateName<T>(name: string, write: () => Promise<T>): Promise<T> {
    return refuseDuplicates(write, () => OrgUnitErrors.duplicateName(name));
  }
}

export function escapeRegex(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
