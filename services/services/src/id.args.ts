import { ArgsType, Field, ID } from '@nestjs/graphql';
import { IsMongoId } from 'class-validator';

/** `(id: ID!)`, validated as one of our ids. */
@ArgsType()
export class IdArgs {
  @Field(() => ID)
  @IsMongoId()
  id!: string;
}
