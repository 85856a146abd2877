import { Connection } from '@gongzhi/platform';
import { Field, ObjectType } from '@nestjs/graphql';
import { Council, Meeting, Seat, SeatOpinion } from './council.schema';

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

@ObjectType({ description: 'The partner seated.' })
export class SeatPartnerOnCouncilPayload {
  @Field(() => Council, { description: 'The council, with the new seat.' })
  council!: Council;

  @Field(() => Seat, { description: 'The seat the partner holds.' })
  seat!: Seat;
}

@ObjectType({ description: 'The seat taken off.' })
export class UnseatFromCouncilPayload {
  @Field(() => Council, { description: 'The council, without the seat.' })
  council!: Council;
}

@ObjectType({ description: "The seat's opinion given." })
export class GiveSeatOpinionPayload {
  @Field(() => Meeting, { description: 'The meeting, with the opinion among its seat opinions.' })
  meeting!: Meeting;

  @Field(() => SeatOpinion, { description: 'The opinion as kept.' })
  seatOpinion!: SeatOpinion;
}
