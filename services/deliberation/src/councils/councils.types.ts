import { Connection } from '@gongzhi/platform';
import { Field, ObjectType } from '@nestjs/graphql';
import { Council, Meeting } from './council.schema';

/** GraphQL-only types of councils: the connections and the mutations' payloads. */

@ObjectType({ description: 'A page of councils.' })
export class CouncilConnection extends Connection(Council) {}

@ObjectType({ description: 'A page of meetings.' })
export class MeetingConnection extends Connection(Meeting) {}

@ObjectType({ description: 'The council formed.' })
export class FormCouncilPayload {
  @Field(() => Council, { description: 'The council, with its seats.' })
  council!: Council;
}

@ObjectType({ description: 'The meeting scheduled.' })
export class ScheduleMeetingPayload {
  @Field(() => Meeting, { description: 'The meeting, with its agenda.' })
  meeting!: Meeting;
}

@ObjectType({ description: 'The meeting recorded.' })
export class RecordMeetingPayload {
  @Field(() => Meeting, { description: 'The meeting, held, with attendance and minutes.' })
  meeting!: Meeting;
}
