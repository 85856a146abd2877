import { Connection } from '@gongzhi/platform';
import { Field, ObjectType } from '@nestjs/graphql';
import { GridCell, GridRoleHolder } from './grid-cell.schema';

@ObjectType({ description: 'A page of grid cells.' })
export class GridCellConnection extends Connection(GridCell) {}

@ObjectType({ description: "A page of a grid cell's role holders." })
export class GridRoleHolderConnection extends Connection(GridRoleHolder) {}

@ObjectType({ description: 'What createGridCell changed.' })
export class CreateGridCellPayload {
  @Field(() => GridCell, { description: 'The grid cell, as created.' })
  gridCell!: GridCell;
}

@ObjectType({ description: 'What assignGridRole changed.' })
export class AssignGridRolePayload {
  @Field(() => GridCell, { description: 'The grid cell with the role now held by the new holder.' })
  gridCell!: GridCell;
}
