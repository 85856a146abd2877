import { ConnectionArgs } from '@gongzhi/platform';
import { ArgsType, Field, ID } from '@nestjs/graphql';
import { IsMongoId, IsOptional } from 'class-validator';

/** A page of a list, narrowed to one community, compound or building when `placeId` names one. */
@ArgsType()
export class InPlaceArgs extends ConnectionArgs {
  @Field(() => ID, { nullable: true, description: 'A community, compound or building.' })
  @IsOptional()
  @IsMongoId()
  placeId?: string;
}
