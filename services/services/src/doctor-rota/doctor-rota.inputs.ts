import { ConnectionArgs, DATE_WINDOWS, IsDateWithin, IsDayWithin } from '@gongzhi/platform';
import { ArgsType, Field, ID, InputType, Int } from '@nestjs/graphql';
import { Type } from 'class-transformer';
import {
  ArrayMinSize,
  ArrayUnique,
  IsDate,
  IsEnum,
  IsInt,
  IsISO8601,
  IsMongoId,
  IsOptional,
  Length,
  Matches,
  Max,
  Min,
} from 'class-validator';
import { Weekday } from './rota-calendar';

const TIME_OF_DAY = /^([01]\d|2[0-3]):[0-5]\d$/;

@InputType({ description: "A family doctor's weekly rota at a community clinic or health centre." })
export class SetDoctorRotaInput {
  @Field(() => ID, { description: 'The clinic or health centre: a partner provider of the community.' })
  @IsMongoId()
  providerId!: string;

  @Field({ description: "The doctor's name, as residents see it." })
  @Length(1, 40)
  doctorName!: string;

  @Field({ description: 'Where the doctor sees residents, e.g. the family-doctor studio (家庭医生工作室).' })
  @Length(1, 100)
  location!: string;

  @Field(() => [Weekday], { description: 'The days of the week the doctor is there, e.g. Tuesday and Friday.' })
  @ArrayMinSize(1)
  @ArrayUnique()
  @IsEnum(Weekday, { each: true })
  weekdays!: Weekday[];

  @Field({ description: 'HH:mm, China time.' })
  @Matches(TIME_OF_DAY, { message: 'must be HH:mm' })
  startTime!: string;

  @Field({ description: 'HH:mm, China time.' })
  @Matches(TIME_OF_DAY, { message: 'must be HH:mm' })
  endTime!: string;

  @Field(() => Int, { description: 'The length of one appointment slot, 5 to 120 minutes.' })
  @IsInt()
  @Min(5)
  @Max(120)
  slotMinutes!: number;

  @Field({ description: 'YYYY-MM-DD, within 20 years of today either way.' })
  @IsISO8601({ strict: true })
  @Length(10, 10)
  @IsDayWithin(DATE_WINDOWS.RANGE)
  validFrom!: string;

  @Field({
    nullable: true,
    description: 'YYYY-MM-DD, within 20 years of today either way; open-ended when left out.',
  })
  @IsOptional()
  @IsISO8601({ strict: true })
  @Length(10, 10)
  @IsDayWithin(DATE_WINDOWS.RANGE)
  validUntil?: string;
}

@InputType({ description: "An appointment in a slot of a doctor's rota." })
export class BookDoctorSlotInput {
  @Field(() => ID, { description: 'The rota whose slot to book.' })
  @IsMongoId()
  rotaId!: string;

  @Field({ description: 'The start of one of the rota’s slots.' })
  @Type(() => Date)
  @IsDate()
  @IsDateWithin(DATE_WINDOWS.SCHEDULE)
  startsAt!: Date;

  @Field(() => ID, {
    description: 'Who sees the doctor: the caller, someone of their household, or a resident they look after.',
  })
  @IsMongoId()
  residentId!: string;
}

@InputType({ description: "A doctor's appointment to cancel." })
export class CancelDoctorAppointmentInput {
  @Field(() => ID, { description: 'The appointment to cancel.' })
  @IsMongoId()
  appointmentId!: string;

  @Field({ nullable: true, description: 'Why, e.g. 已在医院复诊; kept in its history.' })
  @IsOptional()
  @Length(1, 500)
  reason?: string;
}

@ArgsType()
export class DoctorSlotsArgs extends ConnectionArgs {
  @Field({ nullable: true, description: 'Slots from this moment on; from now when left out.' })
  @IsOptional()
  @Type(() => Date)
  @IsDate()
  @IsDateWithin(DATE_WINDOWS.RANGE)
  from?: Date;
}
