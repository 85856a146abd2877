import { ArgsType, Field, ID } from '@nestjs/graphql';
import { IsMongoId } from 'class-validator';

/** `(id: ID!)`, validated as one of our ids: the argument of every query or mutation that takes one record by id. */
@ArgsType()
export class IdArgs {
  @Field(() => ID, { description: 'The id of the record to fetch.' })
  @IsMongoId()
  id!: string;
}
