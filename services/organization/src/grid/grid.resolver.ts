import { ConnectionArgs, GraphQLRequestContext, Public, ReferenceContext, requirePermission } from '@gongzhi/platform';
import { Args, Context, ID, Mutation, Parent, ResolveField, Resolver, ResolveReference } from '@nestjs/graphql';
import { Community, CommunityDocument } from '../territory/territory.schema';
import { mayManageGridIn } from './grid.access';
import { GridCell, GridCellDocument, GridRoleHolder } from './grid-cell.schema';
import { AssignGridRoleInput, CreateGridCellInput } from './grid.inputs';
import { GridService } from './grid.service';
import {
  AssignGridRolePayload,
  CreateGridCellPayload,
  GridCellConnection,
  GridRoleHolderConnection,
} from './grid.types';

@Resolver(() => GridCell)
export class GridCellResolver {
  constructor(private readonly grid: GridService) {}

  @Mutation(() => CreateGridCellPayload, {
    description:
      'Creates a grid cell (网格) over buildings of a community.\nThe community secretary of that community.',
  })
  async createGridCell(
    @Args('input', { description: "The community, the cell's name and its buildings." }) input: CreateGridCellInput,
  ): Promise<CreateGridCellPayload> {
    requirePermission(mayManageGridIn(input.communityId));
    return { gridCell: await this.grid.create(input) };
  }

  @Mutation(() => AssignGridRolePayload, {
    description:
      'Gives one of the six roles to a holder, replacing the previous one.\nThe community secretary of its community.',
  })
  async assignGridRole(
    @Args('input', { description: 'The grid cell, the role and its new holder.' }) input: AssignGridRoleInput,
    @Context() { loaders }: GraphQLRequestContext,
  ): Promise<AssignGridRolePayload> {
    const cell = await this.grid.load(loaders, input.gridCellId);
    requirePermission(mayManageGridIn(cell?.communityId));
    return { gridCell: await this.grid.assignRole(input) };
  }

  @Public()
  @ResolveField(() => GridRoleHolderConnection, {
    description: 'Who holds the six roles (一格六员), in the order of GridRole.',
  })
  roles(@Parent() cell: GridCellDocument, @Args() page: ConnectionArgs) {
    return this.grid.roles(cell, page);
  }

  @Public()
  @ResolveReference()
  resolveReference(@Parent() reference: { id: string }, @ReferenceContext() { loaders }: GraphQLRequestContext) {
    return this.grid.load(loaders, reference.id);
  }
}

/** Grid cells seen from their community. */
@Resolver(() => Community)
export class CommunityGridResolver {
  constructor(private readonly grid: GridService) {}

  @Public()
  @ResolveField(() => GridCellConnection, { description: "The community's grid cells (网格), a page at a time." })
  gridCells(
    @Parent() community: CommunityDocument,
    @Args() args: ConnectionArgs,
    @Context() { loaders }: GraphQLRequestContext,
  ) {
    return this.grid.ofCommunity(loaders, community.id, args);
  }
}

@Resolver(() => GridRoleHolder)
export class GridRoleHolderResolver {
  @ResolveField(() => ID, {
    nullable: true,
    description: 'Set when the holder is a resident of the community; signed-in callers only.',
  })
  residentId(@Parent() holder: GridRoleHolder) {
    return holder.residentId ?? null;
  }
}
