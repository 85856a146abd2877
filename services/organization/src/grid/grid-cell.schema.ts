import { Directive, Field, ID, ObjectType, registerEnumType } from '@nestjs/graphql';
import { Prop, Schema, SchemaFactory } from '@nestjs/mongoose';
import { HydratedDocument, SchemaTypes, Types } from 'mongoose';

/** 一格六员: the six roles every grid cell staffs. */
export enum GridRole {
  PARTY_MEMBER = 'PARTY_MEMBER',
  GRID_WORKER = 'GRID_WORKER',
  VOLUNTEER = 'VOLUNTEER',
  SOCIAL_WORKER = 'SOCIAL_WORKER',
  PROPERTY_COMPANY = 'PROPERTY_COMPANY',
  OWNER = 'OWNER',
}
registerEnumType(GridRole, {
  name: 'GridRole',
  description:
    'One grid, six roles (一格六员): party member, grid worker (building head), volunteer, social worker, property company, owner.',
  valuesMap: {
    PARTY_MEMBER: { description: 'A party member (党员).' },
    GRID_WORKER: { description: 'The grid worker (网格员), the building head (楼栋长).' },
    VOLUNTEER: { description: 'A volunteer (志愿者).' },
    SOCIAL_WORKER: { description: 'A social worker (社工).' },
    PROPERTY_COMPANY: { description: 'The property company (物业公司).' },
    OWNER: { description: 'An owner (业主).' },
  },
});

@ObjectType({ description: 'Who holds one of the six roles in a grid cell: a resident or staff.' })
@Schema({ _id: false })
export class GridRoleHolder {
  @Field(() => GridRole, { description: 'Which of the six roles (一格六员) this is.' })
  @Prop({ type: String, enum: GridRole, required: true })
  role!: GridRole;

  @Field({ description: 'The name of the person holding the role, as on the public notice (网格公示).' })
  @Prop({ required: true, trim: true })
  holderName!: string;

  /** Exposed by GridRoleHolderResolver to signed-in callers: the public notice (网格公示) names holders, not records. */
  @Prop({ type: SchemaTypes.ObjectId })
  residentId?: Types.ObjectId;
}
const GridRoleHolderSchema = SchemaFactory.createForClass(GridRoleHolder);

@ObjectType({ description: 'A grid cell (网格): a few buildings looked after together.' })
@Directive('@key(fields: "id")')
@Schema({ collection: 'grid_cells', timestamps: true })
export class GridCell {
  @Field(() => ID, { description: "The grid cell's id." })
  id!: string;

  @Field({ description: "The cell's name, unique within its community." })
  @Prop({ required: true, trim: true })
  name!: string;

  @Prop({ type: SchemaTypes.ObjectId, required: true })
  communityId!: Types.ObjectId;

  @Field(() => [ID], { description: 'The ids of the buildings (楼栋) the cell looks after.' })
  @Prop({ type: [SchemaTypes.ObjectId], default: [] })
  buildingIds!: Types.ObjectId[];

  /** Exposed as a connection by GridCellResolver. */
  @Prop({ type: [GridRoleHolderSchema], default: [] })
  roles!: GridRoleHolder[];
}

export type GridCellDocument = HydratedDocument<GridCell>;
export const GridCellSchema = SchemaFactory.createForClass(GridCell);
GridCellSchema.index({ communityId: 1, name: 1 }, { unique: true });
