import { ConnectionArgs, DATE_WINDOWS, IsDateWithin, IsDayWithin } from '@gongzhi/platform';
import { ArgsType, Field, ID, InputType, Int } from '@nestjs/graphql';
import { Type } from 'class-transformer';
import { ArrayMaxSize, IsDate, IsInt, IsMongoId, IsOptional, Length, Max, Min, ValidateNested } from 'class-validator';
import { OpeningHours } from './room.schema';

@InputType()
export class RegisterRoomInput {
  @Field(() => ID, { description: 'The community, compound or building the room is in.' })
  @IsMongoId()
  placeId!: string;

  @Field()
  @Length(1, 60)
  name!: string;

  @Field({ nullable: true })
  @IsOptional()
  @Length(1, 500)
  description?: string;

  @Field(() => Int)
  @IsInt()
  @Min(1)
  @Max(1000)
  capacity!: number;

  @Field(() => [OpeningHours])
  @ArrayMaxSize(7)
  @ValidateNested({ each: true })
  @Type(() => OpeningHours)
  openingHours!: OpeningHours[];

  @Field(() => Int, { defaultValue: 60 })
  @IsInt()
  @Min(15)
  @Max(240)
  slotMinutes: number = 60;

  @Field(() => Int, { defaultValue: 240 })
  @IsInt()
  @Min(15)
  @Max(1440)
  maxBookingMinutes: number = 240;
}

@InputType()
export class BookRoomInput {
  @Field(() => ID)
  @IsMongoId()
  roomId!: string;

  @Field()
  @IsDate()
  @IsDateWithin(DATE_WINDOWS.SCHEDULE)
  startsAt!: Date;

  @Field()
  @IsDate()
  @IsDateWithin(DATE_WINDOWS.SCHEDULE)
  endsAt!: Date;

  @Field()
  @Length(1, 200)
  purpose!: string;

  @Field(() => Int)
  @IsInt()
  @Min(1)
  attendees!: number;
}

@ArgsType()
export class RoomBookingsArgs extends ConnectionArgs {
  @Field({ nullable: true, description: 'Only bookings ending after this; from now when absent.' })
  @IsOptional()
  @IsDate()
  @IsDateWithin(DATE_WINDOWS.RANGE)
  from?: Date;
}

@ArgsType()
export class AvailabilityArgs {
  @Field({
    description: 'A calendar day in China Standard Time, YYYY-MM-DD, within 5 years back and 2 years ahead.',
  })
  @Length(10, 10)
  @IsDayWithin(DATE_WINDOWS.SCHEDULE)
  date!: string;
}
