import {
  type AnyEventContract,
  coBuildingProjectApproved,
  coBuildingProjectCancelled,
  coBuildingProjectCompleted,
  coBuildingProjectSetUp,
  coBuildingProjectStarted,
  communityListItemAdded,
} from '@gongzhi/contracts';
import type { Actor } from '@gongzhi/contracts';
import {
  Clock,
  currentActor,
  loadById,
  loadManyById,
  OutboxPublisher,
  paginate,
  refusalFor,
  refuseDuplicates,
  RequestLoaders,
  withTransaction,
} from '@gongzhi/platform';
import { Injectable } from '@nestjs/common';
import { InjectConnection, InjectModel } from '@nestjs/mongoose';
import { Connection, Model, QueryFilter, Types } from 'mongoose';
import { PartnerUnit } from '../partners/partner-unit.schema';
import { Building, Community, Compound, Household } from '../territory/territory.schema';
import { TerritoryService } from '../territory/territory.service';
import {
  CoBuildingProjectAction,
  CoBuildingProjectStatus,
  OPEN_PROJECT_STATUSES,
  requireProjectAction,
} from './co-building-project.steps';
import { LIST_READERS, mayReadListsOf, type ReadableCommunities } from './three-lists.access';
import { ThreeListsErrors } from './three-lists.errors';
import type { CoBuildingProjectsArgs, CommunityListItemsArgs } from './three-lists.inputs';
import {
  CoBuildingProject,
  type CoBuildingProjectDocument,
  CommunityList,
  CommunityListItem,
  type CommunityListItemDocument,
  ResponsibilityDuty,
} from './three-lists.schema';

const STEP_EVENTS: Record<CoBuildingProjectAction, AnyEventContract> = {
  APPROVE: coBuildingProjectApproved,
  START: coBuildingProjectStarted,
  COMPLETE: coBuildingProjectCompleted,
  CANCEL: coBuildingProjectCancelled,
};

export interface NewListItem {
  communityId: string;
  list: CommunityList;
  title: string;
  description?: string;
  duty?: ResponsibilityDuty;
  partnerUnitId?: string;
}

export interface NewProject {
  needId: string;
  resourceIds: string[];
  partnerUnitId: string;
  title: string;
  description?: string;
}

/**
 * The three lists (三份清单) of each community — responsibilities, needs, resources — and the co-building projects
 * that take a need up with resources (亮资源、提需求、拟清单、设项目).
 */
@Injectable()
export class ThreeListsService {
  constructor(
    @InjectModel(CommunityListItem.name) readonly items: Model<CommunityListItem>,
    @InjectModel(CoBuildingProject.name) readonly projects: Model<CoBuildingProject>,
    @InjectModel(PartnerUnit.name) private readonly partners: Model<PartnerUnit>,
    @InjectModel(Community.name) private readonly communities: Model<Community>,
    @InjectModel(Compound.name) private readonly compounds: Model<Compound>,
    @InjectModel(Building.name) private readonly buildings: Model<Building>,
    @InjectModel(Household.name) private readonly households: Model<Household>,
    @InjectConnection() private readonly connection: Connection,
    private readonly outbox: OutboxPublisher,
    private readonly territory: TerritoryService,
    private readonly clock: Clock,
  ) {}

  // ——— who reads what ———

  /**
   * The communities whose needs, resources and projects the caller reads: services all; staff the communities their
   * jurisdiction lies in (a building group leader's 3幢 lies in 淞源社区); a resident the community they live in; a
   * partner its communities of agreements in force (as the gateway resolved them into its PARTNER grant).
   */
  async readableCommunities(loaders: RequestLoaders, actor: Actor = currentActor()): Promise<ReadableCommunities> {
    if (actor.kind === 'service') return 'ALL';
    const ids = new Set<string>();
    const grants = actor.roles.filter((grant) =>
      actor.kind === 'partner' ? grant.role === 'PARTNER' : LIST_READERS.includes(grant.role),
    );
    for (const { jurisdiction } of grants) jurisdiction.communityIds.forEach((id) => ids.add(id));
    const below = [
      ...(await loadManyById(
        loaders,
        this.compounds,
        grants.flatMap((grant) => grant.jurisdiction.compoundIds),
      )),
      ...(await loadManyById(
        loaders,
        this.buildings,
        grants.flatMap((grant) => grant.jurisdiction.buildingIds),
      )),
    ];
    for (const place of below) ids.add(String(place.communityId));
    if (actor.kind === 'person' && actor.householdId) {
      const home = await loadById(loaders, this.households, actor.householdId);
      if (home) ids.add(String(home.communityId));
    }
    return ids;
  }

  /** The community a `placeId` stands for, refused when its lists are not the caller's to read. */
  private async readableCommunityOf(loaders: RequestLoaders, placeId: string, readable: ReadableCommunities) {
    const { communityId } = await this.territory.place(loaders, placeId);
    if (!mayReadListsOf(communityId, readable)) throw refusalFor();
    return communityId;
  }

  private inReach(readable: ReadableCommunities) {
    return readable === 'ALL' ? {} : { communityId: { $in: [...readable].map((id) => new Types.ObjectId(id)) } };
  }

  async listItems(loaders: RequestLoaders, { placeId, list, partnerUnitId, ...page }: CommunityListItemsArgs) {
    const readable = await this.readableCommunities(loaders);
    const filter: QueryFilter<CommunityListItem> = {};
    // The 权责清单 is public (公开); the other two lists are the community's own people's.
    const publicOnly = list === CommunityList.RESPONSIBILITY;
    if (placeId) {
      const { communityId } = await this.territory.place(loaders, placeId);
      if (!publicOnly && !mayReadListsOf(communityId, readable)) throw refusalFor();
      filter.communityId = new Types.ObjectId(communityId);
    }
    if (list) filter.list = list;
    if (!publicOnly && !placeId) {
      if (readable !== 'ALL') filter.$or = [{ list: CommunityList.RESPONSIBILITY }, this.inReach(readable)];
    }
    if (partnerUnitId) filter.partnerUnitId = new Types.ObjectId(partnerUnitId);
    return paginate(this.items, filter, page, { sortBy: '_id', direction: -1 });
  }

  async listProjects(loaders: RequestLoaders, { placeId, status, partnerUnitId, ...page }: CoBuildingProjectsArgs) {
    const readable = await this.readableCommunities(loaders);
    const filter: QueryFilter<CoBuildingProject> = placeId
      ? { communityId: new Types.ObjectId(await this.readableCommunityOf(loaders, placeId, readable)) }
      : this.inReach(readable);
    if (status) filter.status = status;
    if (partnerUnitId) filter.partnerUnitId = new Types.ObjectId(partnerUnitId);
    return paginate(this.projects, filter, page, { sortBy: '_id', direction: -1 });
  }

  /** A project by id when the caller may read its community's projects; null as for none otherwise. */
  async project(loaders: RequestLoaders, id: string): Promise<CoBuildingProjectDocument | null> {
    const project = await loadById(loaders, this.projects, id);
    if (!project) return null;
    const readable = await this.readableCommunities(loaders);
    return mayReadListsOf(String(project.communityId), readable) ? project : null;
  }

  async itemsByIds(loaders: RequestLoaders, ids: readonly unknown[]) {
    const byId = new Map((await loadManyById(loaders, this.items, [...ids])).map((item) => [item.id, item]));
    return ids.map((id) => byId.get(String(id))).filter((item) => item !== undefined);
  }

  community(loaders: RequestLoaders, communityId: unknown) {
    return loadById(loaders, this.communities, communityId);
  }

  partnerUnit(loaders: RequestLoaders, partnerUnitId: unknown) {
    return loadById(loaders, this.partners, partnerUnitId);
  }

  // ——— the lists ———

  async communityToKeep(communityId: string) {
    if (!(await this.communities.exists({ _id: communityId }))) throw ThreeListsErrors.communityNotFound(communityId);
  }

  /** Whether the partner unit's co-building agreement with the community is in force today (as its keys see it). */
  async requireAgreementInForce(partnerUnitId: string, communityId: string) {
    if (!(await this.partners.exists({ _id: partnerUnitId })))
      throw ThreeListsErrors.partnerUnitNotFound(partnerUnitId);
    const now = this.clock.now();
    const inForce = await this.partners.exists({
      _id: partnerUnitId,
      agreements: {
        $elemMatch: {
          communityId: new Types.ObjectId(communityId),
          validFrom: { $lte: now },
          validUntil: { $gte: now },
        },
      },
    });
    if (!inForce) throw ThreeListsErrors.noAgreementInForce(partnerUnitId, communityId);
  }

  async addItem(input: NewListItem, recordedBy: string): Promise<CommunityListItemDocument> {
    return withTransaction(this.connection, async (session) => {
      const [item] = await this.items.create(
        [
          {
            list: input.list,
            communityId: new Types.ObjectId(input.communityId),
            title: input.title,
            description: input.description ?? null,
            duty: input.duty ?? null,
            partnerUnitId: input.partnerUnitId ? new Types.ObjectId(input.partnerUnitId) : null,
            recordedBy,
          },
        ],
        { session },
      );
      await this.outbox.record(
        communityListItemAdded,
        {
          itemId: item.id,
          communityId: input.communityId,
          list: input.list,
          partnerUnitId: input.partnerUnitId ?? null,
        },
        { session },
      );
      return item;
    });
  }

  /** The item, when it is on `list` of `communityId` (if given); COMMUNITY_LIST_ITEM.INVALID_ITEM otherwise. */
  private async itemOn(field: string, id: string, list: CommunityList, communityId?: string) {
    const item = await this.items.findById(id).exec();
    if (!item || item.list !== list || (communityId && String(item.communityId) !== communityId))
      throw ThreeListsErrors.wrongItem(field, id, list);
    return item;
  }

  /** A need's stored record, for the caller to check who keeps its community's lists. */
  async needToChange(needId: string) {
    const need = await this.items.findById(needId).exec();
    if (!need) throw ThreeListsErrors.itemNotFound(needId);
    if (need.list !== CommunityList.NEED) throw ThreeListsErrors.wrongItem('needId', needId, CommunityList.NEED);
    return need;
  }

  /** 拟清单: the resources drafted against a need, replacing the earlier draft. */
  async matchResources(need: CommunityListItemDocument, resourceIds: string[]) {
    const unique = [...new Set(resourceIds)];
    for (const id of unique) await this.itemOn('resourceIds', id, CommunityList.RESOURCE, String(need.communityId));
    need.matchedResourceIds = unique.map((id) => new Types.ObjectId(id));
    return need.save();
  }

  // ——— projects ———

  /** 设项目: a project taking up the need with the resources, PROPOSED, with its first step and event. */
  async setUpProject(need: CommunityListItemDocument, input: NewProject) {
    const communityId = String(need.communityId);
    const resourceIds = [...new Set(input.resourceIds)];
    for (const id of resourceIds) await this.itemOn('resourceIds', id, CommunityList.RESOURCE, communityId);
    await this.requireAgreementInForce(input.partnerUnitId, communityId);
    const write = () =>
      withTransaction(this.connection, async (session) => {
        const open = await this.projects
          .findOne({ needId: need._id, status: { $in: OPEN_PROJECT_STATUSES } }, { _id: 1 })
          .session(session)
          .exec();
        if (open) throw ThreeListsErrors.needTakenUp(need.id, String(open._id));
        const [project] = await this.projects.create(
          [
            {
              title: input.title,
              description: input.description ?? null,
              status: CoBuildingProjectStatus.PROPOSED,
              communityId: need.communityId,
              needId: need._id,
              resourceIds: resourceIds.map((id) => new Types.ObjectId(id)),
              partnerUnitId: new Types.ObjectId(input.partnerUnitId),
              history: [{ status: CoBuildingProjectStatus.PROPOSED, at: this.clock.now(), note: null }],
            },
          ],
          { session },
        );
        await this.outbox.record(coBuildingProjectSetUp, this.stepPayload(project), { session });
        return project;
      });
    // Set up at the same moment by someone else: the unique index refuses the second.
    return refuseDuplicates(write, () => ThreeListsErrors.needTakenUp(need.id, null));
  }

  async projectToChange(projectId: string) {
    const project = await this.projects.findById(projectId).exec();
    if (!project) throw ThreeListsErrors.projectNotFound(projectId);
    return project;
  }

  /** One step of the project's state machine, with its history entry and event, or CO_BUILDING_PROJECT.ILLEGAL_STEP. */
  async step(project: CoBuildingProjectDocument, action: CoBuildingProjectAction, note: string | null) {
    const from = project.status;
    const to = requireProjectAction(from, action);
    return withTransaction(this.connection, async (session) => {
      // Conditional on the status read: two staff pressing at once move it once.
      const moved = await this.projects
        .findOneAndUpdate(
          { _id: project._id, status: from },
          { $set: { status: to }, $push: { history: { status: to, at: this.clock.now(), note } } },
          { session, returnDocument: 'after' },
        )
        .exec();
      if (!moved) {
        const now = await this.projects.findById(project._id).session(session).exec();
        requireProjectAction(now!.status, action);
        throw new Error(`Project ${project.id} moved while ${action} was applied`);
      }
      await this.outbox.record(STEP_EVENTS[action], this.stepPayload(moved), { session });
      return moved;
    });
  }

  private stepPayload(project: CoBuildingProjectDocument) {
    return {
      projectId: project.id,
      communityId: String(project.communityId),
      partnerUnitId: String(project.partnerUnitId),
      needId: String(project.needId),
      resourceIds: project.resourceIds.map(String),
      status: project.status,
    };
  }
}
