import { Connection } from '@gongzhi/platform';
import { Field, ObjectType } from '@nestjs/graphql';
import { Motion } from '../motions/motion.schema';
import { Opinion } from './opinion.schema';

/** GraphQL-only types of opinions: the connection and the mutations' payloads. */

@ObjectType({ description: 'A page of opinions.' })
export class OpinionConnection extends Connection(Opinion) {}

@ObjectType({ description: 'The opinion recorded.' })
export class RecordOpinionPayload {
  @Field(() => Opinion, { description: 'The opinion, OPEN.' })
  opinion!: Opinion;
}

@ObjectType({ description: 'The opinion tagged.' })
export class TagOpinionPayload {
  @Field(() => Opinion, { description: 'The opinion with its new tags.' })
  opinion!: Opinion;
}

@ObjectType({ description: 'The opinion answered.' })
export class AnswerOpinionPayload {
  @Field(() => Opinion, { description: 'The opinion, ANSWERED.' })
  opinion!: Opinion;
}

@ObjectType({ description: 'The opinion taken up as a motion.' })
export class PromoteOpinionPayload {
  @Field(() => Motion, { description: 'The motion raised from it, RAISED.' })
  motion!: Motion;

  @Field(() => Opinion, { description: 'The opinion, PROMOTED.' })
  opinion!: Opinion;
}
