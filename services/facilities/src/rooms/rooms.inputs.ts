import { ConnectionArgs, DATE_WINDOWS, IsDateWithin, IsDayWithin } from '@gongzhi/platform';
import { ArgsType, Field, ID, InputType, Int } from '@nestjs/graphql';
import { Type } from 'class-transformer';
import { ArrayMaxSize, IsDate, IsInt, IsMongoId, IsOptional, Length, Max, Min, ValidateNested } from 'class-validator';
import { OpeningHours } from './room.schema';

@InputType({ description: 'A room to open for booking, and its rules.' })
export class RegisterRoomInput {
  @Field(() => ID, { description: 'The community, compound or building the room is in.' })
  @IsMongoId()
  placeId!: string;

  @Field({ description: 'Unique in the community, e.g. 乐邻驿站 象棋室.' })
  @Length(1, 60)
  name!: string;

  @Field({ nullable: true, description: 'What the room has and is for.' })
  @IsOptional()
  @Length(1, 500)
  description?: string;

  @Field(() => Int, { description: 'People at once.' })
  @IsInt()
  @Min(1)
  @Max(1000)
  capacity!: number;

  @Field(() => [OpeningHours], { description: 'At most one entry a weekday; a weekday not listed is closed.' })
  @ArrayMaxSize(7)
  @ValidateNested({ each: true })
  @Type(() => OpeningHours)
  openingHours!: OpeningHours[];

  @Field(() => Int, { defaultValue: 60, description: 'Bookings start and end on these steps from midnight.' })
  @IsInt()
  @Min(15)
  @Max(240)
  slotMinutes: number = 60;

  @Field(() => Int, { defaultValue: 240, description: 'The longest one booking may be, in whole slots.' })
  @IsInt()
  @Min(15)
  @Max(1440)
  maxBookingMinutes: number = 240;
}

@InputType({ description: 'A booking of a room for a time.' })
export class BookRoomInput {
  @Field(() => ID, { description: 'The room.' })
  @IsMongoId()
  roomId!: string;

  @Field({ description: 'On one of the room’s slot steps, in the future.' })
  @IsDate()
  @IsDateWithin(DATE_WINDOWS.SCHEDULE)
  startsAt!: Date;

  @Field({ description: 'On a slot step, within the room’s opening hours of the same day.' })
  @IsDate()
  @IsDateWithin(DATE_WINDOWS.SCHEDULE)
  endsAt!: Date;

  @Field({ description: 'e.g. 楼道微党课, 象棋友谊赛.' })
  @Length(1, 200)
  purpose!: string;

  @Field(() => Int, { description: 'People coming, at most the room’s capacity.' })
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

@InputType({ description: 'The booking to cancel.' })
export class CancelRoomBookingInput {
  @Field(() => ID, { description: 'The booking.' })
  @IsMongoId()
  bookingId!: string;
}

@InputType({ description: 'A room to share with a community alliance (社区联盟).' })
export class ShareRoomWithAllianceInput {
  @Field(() => ID, { description: 'The room.' })
  @IsMongoId()
  roomId!: string;

  @Field(() => ID, { description: "An alliance the room's community belongs to." })
  @IsMongoId()
  allianceId!: string;
}

@InputType({ description: 'A room whose sharing with an alliance ends.' })
export class WithdrawRoomSharingInput {
  @Field(() => ID, { description: 'The room.' })
  @IsMongoId()
  roomId!: string;
}
