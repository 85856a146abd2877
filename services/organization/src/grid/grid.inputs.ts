import { Field, ID, InputType } from '@nestjs/graphql';
import { ArrayMaxSize, IsEnum, IsMongoId, IsOptional, Length } from 'class-validator';
import { GridRole } from './grid-cell.schema';

@InputType({ description: 'A new grid cell (网格) over buildings of a community.' })
export class CreateGridCellInput {
  @Field(() => ID, { description: 'The community (社区) the cell belongs to.' })
  @IsMongoId()
  communityId!: string;

  @Field({ description: "The cell's name, unique within its community." })
  @Length(1, 60)
  name!: string;

  @Field(() => [ID], { description: 'Buildings of the same community.' })
  @ArrayMaxSize(100)
  @IsMongoId({ each: true })
  buildingIds!: string[];
}

@InputType({ description: 'Gives one of the six roles of a grid cell to a holder, replacing the previous one.' })
export class AssignGridRoleInput {
  @Field(() => ID, { description: 'The grid cell.' })
  @IsMongoId()
  gridCellId!: string;

  @Field(() => GridRole, { description: 'Which of the six roles.' })
  @IsEnum(GridRole)
  role!: GridRole;

  @Field({ description: 'The name shown on the public notice (网格公示), e.g. 沈秀英.' })
  @Length(1, 60)
  holderName!: string;

  @Field(() => ID, {
    nullable: true,
    description: 'The resident record of the holder, when they live in the community.',
  })
  @IsOptional()
  @IsMongoId()
  residentId?: string;
}
