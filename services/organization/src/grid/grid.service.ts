import { gridCellCreated, gridRoleAssigned } from '@gongzhi/contracts';
import {
  ConnectionArgs,
  DomainError,
  NotFoundError,
  OutboxPublisher,
  RequestLoaders,
  arrayConnection,
  childConnection,
  loadById,
  refuseDuplicates,
  withTransaction,
} from '@gongzhi/platform';
import { Injectable } from '@nestjs/common';
import { InjectConnection, InjectModel } from '@nestjs/mongoose';
import { Connection, Model, Types } from 'mongoose';
import { Building, Community } from '../territory/territory.schema';
import { GridCell, GridRole } from './grid-cell.schema';
import { AssignGridRoleInput, CreateGridCellInput } from './grid.inputs';

const GRID_ROLES = Object.values(GridRole);

@Injectable()
export class GridService {
  constructor(
    @InjectModel(GridCell.name) private readonly cells: Model<GridCell>,
    @InjectModel(Community.name) private readonly communities: Model<Community>,
    @InjectModel(Building.name) private readonly buildings: Model<Building>,
    @InjectConnection() private readonly connection: Connection,
    private readonly outbox: OutboxPublisher,
  ) {}

  async create(input: CreateGridCellInput) {
    if (!(await this.communities.exists({ _id: input.communityId })))
      throw new NotFoundError('Community', input.communityId);
    const buildingIds = input.buildingIds.map((id) => new Types.ObjectId(id));
    const inCommunity = await this.buildings.countDocuments({
      _id: { $in: buildingIds },
      communityId: input.communityId,
    });
    if (inCommunity !== new Set(input.buildingIds).size) {
      throw new DomainError(
        'GRID_CELL.BUILDING_OUTSIDE_COMMUNITY',
        'Every building of a grid cell must exist in its community',
      );
    }
    return refuseDuplicates(
      () =>
        withTransaction(this.connection, async (session) => {
          const [cell] = await this.cells.create([{ ...input, buildingIds }], { session });
          await this.outbox.record(
            gridCellCreated,
            { gridCellId: cell.id, communityId: input.communityId, name: cell.name },
            { session },
          );
          return cell;
        }),
      () => new DomainError('GRID_CELL.ALREADY_EXISTS', `Grid cell ${input.name} already exists in this community`),
    );
  }

  /** Gives a role to a holder, replacing whoever held it. */
  async assignRole({ gridCellId, role, holderName, residentId }: AssignGridRoleInput) {
    const holder = { role, holderName, residentId: residentId ? new Types.ObjectId(residentId) : undefined };
    return withTransaction(this.connection, async (session) => {
      const cell = await this.cells
        .findOneAndUpdate(
          { _id: gridCellId },
          [
            {
              $set: {
                roles: {
                  $concatArrays: [{ $filter: { input: '$roles', cond: { $ne: ['$$this.role', role] } } }, [holder]],
                },
              },
            },
          ],
          { session, returnDocument: 'after', updatePipeline: true },
        )
        .exec();
      if (!cell) throw new NotFoundError('GridCell', gridCellId);
      await this.outbox.record(
        gridRoleAssigned,
        { gridCellId, role, holderName, residentId: residentId ?? null },
        { session },
      );
      return cell;
    });
  }

  load(loaders: RequestLoaders, id: string) {
    return loadById(loaders, this.cells, id);
  }

  /** The cell's role holders, in the order of the six roles (一格六员). */
  roles(cell: GridCell, page: ConnectionArgs) {
    return arrayConnection(cell.roles, page, (holder) => ({
      sortValue: GRID_ROLES.indexOf(holder.role),
      id: holder.role,
    }));
  }

  ofCommunity(loaders: RequestLoaders, communityId: string, args: ConnectionArgs) {
    return childConnection(loaders, this.cells, 'communityId', communityId, args, { sortBy: 'name' });
  }
}
