import { ArgsType, Field, ID, InputType } from '@nestjs/graphql';
import { ArrayMaxSize, IsEnum, IsMongoId, IsOptional, Length } from 'class-validator';
import { GridRole } from './grid-cell.schema';

@InputType()
export class CreateGridCellInput {
  @Field(() => ID)
  @IsMongoId()
  communityId!: string;

  @Field()
  @Length(1, 60)
  name!: string;

  @Field(() => [ID], { description: 'Buildings of the same community.' })
  @ArrayMaxSize(100)
  @IsMongoId({ each: true })
  buildingIds!: string[];
}

@ArgsType()
export class AssignGridRoleArgs {
  @Field(() => ID)
  @IsMongoId()
  gridCellId!: string;

  @Field(() => GridRole)
  @IsEnum(GridRole)
  role!: GridRole;

  @Field()
  @Length(1, 60)
  holderName!: string;

  @Field(() => ID, { nullable: true })
  @IsOptional()
  @IsMongoId()
  residentId?: string;
}
