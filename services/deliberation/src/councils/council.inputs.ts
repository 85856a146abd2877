import { COUNCIL_KINDS } from '@gongzhi/contracts';
import { ConnectionArgs, DATE_WINDOWS, IsDateWithin, RuleOverrideInput } from '@gongzhi/platform';
import { ArgsType, Field, ID, InputType } from '@nestjs/graphql';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsBoolean,
  IsDate,
  IsEnum,
  IsIn,
  IsMongoId,
  IsOptional,
  Length,
  ValidateNested,
} from 'class-validator';
import {
  CouncilKindEnum,
  type CouncilKind,
  MAX_AGENDA_ITEMS,
  MAX_ATTENDANCE,
  MAX_SEATS,
  SeatPosition,
  SeatRole,
} from './council.schema';

@InputType({ description: 'A seat of a council and its holder.' })
export class SeatInput {
  @Field(() => SeatRole, { description: 'The part the seat plays.' })
  @IsEnum(SeatRole)
  role!: SeatRole;

  @Field({ description: 'The holder as the council posts it: a person, or a unit (物业公司, 规划局).' })
  @Length(1, 60)
  holderName!: string;

  @Field(() => ID, { nullable: true, description: 'When a resident holds the seat.' })
  @IsOptional()
  @IsMongoId()
  residentId?: string;

  @Field(() => ID, { nullable: true, description: 'When a co-building partner unit holds the seat.' })
  @IsOptional()
  @IsMongoId()
  partnerUnitId?: string;
}

@InputType({ description: 'A council to form in a place.' })
export class FormCouncilInput {
  @Field(() => ID, {
    description:
      'The building (building council), compound (three-party council, courtyard meeting) or community it sits in.',
  })
  @IsMongoId()
  placeId!: string;

  @Field(() => CouncilKindEnum, { description: 'What kind of council.' })
  @IsIn(COUNCIL_KINDS)
  kind!: CouncilKind;

  @Field({ description: 'e.g. 淞泽家园七区三方议事会.' })
  @Length(2, 60)
  name!: string;

  @Field(() => [SeatInput], { description: 'Its seats, one per holder; the kind decides which roles it needs.' })
  @ArrayMaxSize(MAX_SEATS)
  @ValidateNested({ each: true })
  @Type(() => SeatInput)
  seats!: SeatInput[];
}

@InputType({ description: 'An item of a meeting’s agenda.' })
export class AgendaItemInput {
  @Field({ description: 'What the item is about.' })
  @Length(1, 120)
  title!: string;

  @Field(() => ID, {
    nullable: true,
    description:
      'A motion of the council’s community the item takes up (MEETING.MOTION_ELSEWHERE otherwise), not yet ended: not REJECTED, CLOSED or WITHDRAWN (MEETING.MOTION_ENDED).',
  })
  @IsOptional()
  @IsMongoId()
  motionId?: string;
}

@InputType({ description: 'A meeting of a council to schedule.' })
export class ScheduleMeetingInput {
  @Field(() => ID, { description: 'The council that meets.' })
  @IsMongoId()
  councilId!: string;

  @Field({ description: 'What the meeting is about.' })
  @Length(2, 120)
  title!: string;

  @Field({ description: 'When it is to be held.' })
  @Type(() => Date)
  @IsDate()
  @IsDateWithin(DATE_WINDOWS.SCHEDULE)
  scheduledAt!: Date;

  @Field({ description: 'e.g. 党群会客厅, 3幢楼道口, 院坝.' })
  @Length(1, 80)
  location!: string;

  @Field(() => [AgendaItemInput], { description: 'Its items, in order.' })
  @ArrayMaxSize(MAX_AGENDA_ITEMS)
  @ValidateNested({ each: true })
  @Type(() => AgendaItemInput)
  agenda!: AgendaItemInput[];
}

@InputType({ description: 'One person at a meeting.' })
export class AttendanceInput {
  @Field({ description: 'Who they are.' })
  @Length(1, 60)
  name!: string;

  @Field(() => ID, { nullable: true, description: 'The seat they hold on the council, if any.' })
  @IsOptional()
  @IsMongoId()
  seatId?: string;

  @Field({ description: 'Whether they came.' })
  @IsBoolean()
  present!: boolean;
}

@InputType({ description: 'What happened at a meeting: attendance and minutes.' })
export class RecordMeetingInput {
  @Field(() => ID, { description: 'The meeting held.' })
  @IsMongoId()
  meetingId!: string;

  @Field(() => [AttendanceInput], { description: 'Who was there, seat holders and others.' })
  @ArrayMaxSize(MAX_ATTENDANCE)
  @ValidateNested({ each: true })
  @Type(() => AttendanceInput)
  attendance!: AttendanceInput[];

  @Field({ description: 'The minutes.' })
  @Length(1, 20000)
  minutes!: string;

  @Field(() => RuleOverrideInput, {
    nullable: true,
    description:
      'Minuting it before its scheduled time, on purpose (it was brought forward): the convener, with the reason.',
  })
  @IsOptional()
  @ValidateNested()
  @Type(() => RuleOverrideInput)
  override?: RuleOverrideInput;
}

@ArgsType()
export class CouncilFilterArgs extends ConnectionArgs {
  @Field(() => CouncilKindEnum, { nullable: true, description: 'Only the councils of this kind.' })
  @IsOptional()
  @IsIn(COUNCIL_KINDS)
  kind?: CouncilKind;
}

@ArgsType()
export class CouncilsArgs extends CouncilFilterArgs {
  @Field(() => ID, { nullable: true, description: 'Councils of this community, compound or building.' })
  @IsOptional()
  @IsMongoId()
  placeId?: string;
}

@InputType({ description: 'A co-building partner unit to seat on a council.' })
export class SeatPartnerOnCouncilInput {
  @Field(() => ID, { description: 'The council.' })
  @IsMongoId()
  councilId!: string;

  @Field(() => ID, {
    description:
      "The partner unit (共建单位): it needs a co-building agreement in force with the council's community (COUNCIL.PARTNER_WITHOUT_AGREEMENT).",
  })
  @IsMongoId()
  partnerUnitId!: string;

  @Field({ description: 'The holder as the council posts it, e.g. 淞泽物业服务中心.' })
  @Length(1, 60)
  holderName!: string;

  @Field(() => SeatRole, {
    defaultValue: SeatRole.PARTNER_UNIT,
    description: 'The part the seat plays: PROPERTY_COMPANY, PARK, PARTNER_UNIT (when absent) …',
  })
  @IsEnum(SeatRole)
  role: SeatRole = SeatRole.PARTNER_UNIT;
}

@InputType({ description: 'A seat to take off a council.' })
export class UnseatFromCouncilInput {
  @Field(() => ID, { description: 'The council.' })
  @IsMongoId()
  councilId!: string;

  @Field(() => ID, { description: 'The seat (Council.seats), which may not be one the council’s kind needs.' })
  @IsMongoId()
  seatId!: string;
}

@InputType({ description: "A seat's opinion on a meeting's business, given before the meeting." })
export class GiveSeatOpinionInput {
  @Field(() => ID, { description: 'The meeting, not yet held (MEETING.ALREADY_HELD).' })
  @IsMongoId()
  meetingId!: string;

  @Field(() => ID, {
    nullable: true,
    description:
      'A motion on its agenda the opinion is about (MEETING.MOTION_NOT_ON_AGENDA otherwise); absent: the meeting as a whole.',
  })
  @IsOptional()
  @IsMongoId()
  motionId?: string;

  @Field(() => SeatPosition, { description: 'Where the seat stands.' })
  @IsEnum(SeatPosition)
  position!: SeatPosition;

  @Field({ description: 'The opinion in words.' })
  @Length(1, 1000)
  text!: string;
}
