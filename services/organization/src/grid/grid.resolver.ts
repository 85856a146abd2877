import {
  Connection,
  ConnectionArgs,
  GraphQLRequestContext,
  Public,
  ReferenceContext,
  requirePermission,
} from '@gongzhi/platform';
import {
  Args,
  Context,
  ID,
  Mutation,
  ObjectType,
  Parent,
  ResolveField,
  Resolver,
  ResolveReference,
} from '@nestjs/graphql';
import { Community, CommunityDocument } from '../territory/territory.schema';
import { mayManageGridIn } from './grid.access';
import { GridCell, GridRoleHolder } from './grid-cell.schema';
import { AssignGridRoleArgs, CreateGridCellInput } from './grid.inputs';
import { GridService } from './grid.service';

@ObjectType()
export class GridCellConnection extends Connection(GridCell) {}

@Resolver(() => GridCell)
export class GridCellResolver {
  constructor(private readonly grid: GridService) {}

  @Mutation(() => GridCell, { description: 'The community secretary of that community.' })
  createGridCell(@Args('input') input: CreateGridCellInput) {
    requirePermission(mayManageGridIn(input.communityId));
    return this.grid.create(input);
  }

  @Mutation(() => GridCell, {
    description:
      'Gives one of the six roles to a holder, replacing the previous one: the community secretary of its community.',
  })
  async assignGridRole(@Args() args: AssignGridRoleArgs, @Context() { loaders }: GraphQLRequestContext) {
    const cell = await this.grid.load(loaders, args.gridCellId);
    requirePermission(mayManageGridIn(cell?.communityId));
    return this.grid.assignRole(args);
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
  @ResolveField(() => GridCellConnection)
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
