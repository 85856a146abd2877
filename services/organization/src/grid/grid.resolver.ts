import { Connection, ConnectionArgs, GraphQLRequestContext, ReferenceContext } from '@gongzhi/platform';
import { Args, Context, Mutation, ObjectType, Parent, ResolveField, Resolver, ResolveReference } from '@nestjs/graphql';
import { Community, CommunityDocument } from '../territory/territory.schema';
import { GridCell } from './grid-cell.schema';
import { AssignGridRoleArgs, CreateGridCellInput } from './grid.inputs';
import { GridService } from './grid.service';

@ObjectType()
export class GridCellConnection extends Connection(GridCell) {}

@Resolver(() => GridCell)
export class GridCellResolver {
  constructor(private readonly grid: GridService) {}

  @Mutation(() => GridCell)
  createGridCell(@Args('input') input: CreateGridCellInput) {
    return this.grid.create(input);
  }

  @Mutation(() => GridCell, { description: 'Gives one of the six roles to a holder, replacing the previous one.' })
  assignGridRole(@Args() args: AssignGridRoleArgs) {
    return this.grid.assignRole(args);
  }

  @ResolveReference()
  resolveReference(@Parent() reference: { id: string }, @ReferenceContext() { loaders }: GraphQLRequestContext) {
    return this.grid.load(loaders, reference.id);
  }
}

/** Grid cells seen from their community. */
@Resolver(() => Community)
export class CommunityGridResolver {
  constructor(private readonly grid: GridService) {}

  @ResolveField(() => GridCellConnection)
  gridCells(@Parent() community: CommunityDocument, @Args() args: ConnectionArgs, @Context() { loaders }: GraphQLRequestContext) {
    return this.grid.ofCommunity(loaders, community.id, args);
  }
}
