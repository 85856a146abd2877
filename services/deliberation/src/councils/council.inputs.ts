import { COUNCIL_KINDS } from '@gongzhi/contracts';
import { ConnectionArgs, DATE_WINDOWS, IsDateWithin } from '@gongzhi/platform';
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
  SeatRole,
} from './council.schema';

@InputType()
export class SeatInput {
  @Field(() => SeatRole)
  @IsEnum(SeatRole)
  role!: SeatRole;

  @Field()
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

@InputType()
export class FormCouncilInput {
  @Field(() => ID, {
    description:
      'The building (building council), compound (three-party council, courtyard meeting) or community it sits in.',
  })
  @IsMongoId()
  placeId!: string;

  @Field(() => CouncilKindEnum)
  @IsIn(COUNCIL_KINDS)
  kind!: CouncilKind;

  @Field({ description: 'e.g. 淞泽家园七区三方议事会.' })
  @Length(2, 60)
  name!: string;

  @Field(() => [SeatInput])
  @ArrayMaxSize(MAX_SEATS)
  @ValidateNested({ each: true })
  @Type(() => SeatInput)
  seats!: SeatInput[];
}

@InputType()
export class AgendaItemInput {
  @Field()
  @Length(1, 120)
  title!: string;

  @Field(() => ID, { nullable: true, description: 'A motion of the council’s community the item takes up.' })
  @IsOptional()
  @IsMongoId()
  motionId?: string;
}

@InputType()
export class ScheduleMeetingInput {
  @Field(() => ID)
  @IsMongoId()
  councilId!: string;

  @Field()
  @Length(2, 120)
  title!: string;

  @Field()
  @Type(() => Date)
  @IsDate()
  @IsDateWithin(DATE_WINDOWS.SCHEDULE)
  scheduledAt!: Date;

  @Field({ description: 'e.g. 党群会客厅, 3幢楼道口, 院坝.' })
  @Length(1, 80)
  location!: string;

  @Field(() => [AgendaItemInput])
  @ArrayMaxSize(MAX_AGENDA_ITEMS)
  @ValidateNested({ each: true })
  @Type(() => AgendaItemInput)
  agenda!: AgendaItemInput[];
}

@InputType()
export class AttendanceInput {
  @Field()
  @Length(1, 60)
  name!: string;

  @Field(() => ID, { nullable: true, description: 'The seat they hold on the council, if any.' })
  @IsOptional()
  @IsMongoId()
  seatId?: string;

  @Field()
  @IsBoolean()
  present!: boolean;
}

@InputType()
export class RecordMeetingInput {
  @Field(() => ID)
  @IsMongoId()
  meetingId!: string;

  @Field(() => [AttendanceInput])
  @ArrayMaxSize(MAX_ATTENDANCE)
  @ValidateNested({ each: true })
  @Type(() => AttendanceInput)
  attendance!: AttendanceInput[];

  @Field()
  @Length(1, 20000)
  minutes!: string;
}

@ArgsType()
export class CouncilFilterArgs extends ConnectionArgs {
  @Field(() => CouncilKindEnum, { nullable: true })
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
