import { ConnectionArgs, DATE_WINDOWS, IsDateWithin } from '@gongzhi/platform';
import { ArgsType, Field, ID, InputType, Int } from '@nestjs/graphql';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsDate,
  IsEnum,
  IsInt,
  IsMongoId,
  IsOptional,
  IsUrl,
  Length,
  Max,
  Min,
} from 'class-validator';
import { ParkingSpaceKind } from './parking-lot.schema';
import { AllocationMethod, ParkingPermitStatus } from './parking-permit.schema';
import { GateDirection } from './gate-event.schema';
import { ParkingViolationKind } from './parking-violation.schema';
import { IsPlate } from './plates';

@InputType({ description: 'A car park of a compound to register.' })
export class RegisterParkingLotInput {
  @Field(() => ID, { description: 'The compound (小区) the lot belongs to.' })
  @IsMongoId()
  compoundId!: string;

  @Field({ description: 'The lot’s name, 1–60 characters, e.g. 淞泽家园七区 地面停车场.' })
  @Length(1, 60)
  name!: string;

  @Field(() => ID, {
    nullable: true,
    description:
      'The partner unit whose barrier gate reports entries and exits; any partner with the scope when absent.',
  })
  @IsOptional()
  @IsMongoId()
  gateVendorId?: string;
}

/** The longest maximum stay a lot may set: a month. */
export const MAX_STAY_HOURS = 720;

@InputType({ description: 'How long an outsider’s car may stay in a lot before it is an overstay.' })
export class SetParkingLotMaxStayInput {
  @Field(() => ID, { description: 'The lot.' })
  @IsMongoId()
  lotId!: string;

  @Field(() => Int, {
    nullable: true,
    description: `Hours, 1 to ${MAX_STAY_HOURS}, e.g. 4; null lifts the limit. Visitors on a pass stay until the pass ends.`,
  })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(MAX_STAY_HOURS)
  maxStayHours?: number | null;
}

@InputType({ description: 'Marked spaces to add to a lot.' })
export class AddParkingSpacesInput {
  @Field(() => ID, { description: 'The lot the spaces are in.' })
  @IsMongoId()
  lotId!: string;

  @Field(() => ParkingSpaceKind, { description: 'What the new spaces are for.' })
  @IsEnum(ParkingSpaceKind)
  kind!: ParkingSpaceKind;

  @Field(() => [String], { description: 'As painted on the ground, e.g. A-012.' })
  @ArrayMinSize(1)
  @ArrayMaxSize(200)
  @Length(1, 20, { each: true })
  numbers!: string[];
}

/** A vehicle at a lot: where most parking inputs start. */
@InputType({ isAbstract: true })
abstract class VehicleAtLotInput {
  @Field(() => ID, { description: 'The parking lot.' })
  @IsMongoId()
  lotId!: string;

  @Field({ description: 'e.g. 苏E·12345.' })
  @IsPlate()
  plate!: string;
}

/** A household's vehicle: a resident acts for their own household, the parking managers name one of the compound. */
@InputType({ isAbstract: true })
abstract class HouseholdVehicleInput extends VehicleAtLotInput {
  @Field(() => ID, {
    nullable: true,
    description: 'The household: a resident’s own when absent; the managers of the compound name it.',
  })
  @IsOptional()
  @IsMongoId()
  householdId?: string;
}

@InputType({ description: 'A household’s application for a permit to park a vehicle in a lot.' })
export class ApplyForParkingPermitInput extends HouseholdVehicleInput {}

@InputType({ description: 'The lot whose free resident spaces go to waiting permits, and how.' })
export class AllocateParkingPermitsInput {
  @Field(() => ID, { description: 'The lot whose free resident spaces are allocated.' })
  @IsMongoId()
  lotId!: string;

  @Field(() => AllocationMethod, { description: 'Waitlist order or a lottery (摇号).' })
  @IsEnum(AllocationMethod)
  method!: AllocationMethod;
}

@InputType({ description: 'The permit to take back, and why.' })
export class RevokeParkingPermitInput {
  @Field(() => ID, { description: 'The permit.' })
  @IsMongoId()
  permitId!: string;

  @Field({ description: 'Why, as the household is told, e.g. 车辆已出售.' })
  @Length(1, 200)
  reason!: string;
}

@InputType({ description: 'The visitor pass to take back before it expires, and why.' })
export class RevokeVisitorPassInput {
  @Field(() => ID, { description: 'The pass.' })
  @IsMongoId()
  visitorPassId!: string;

  @Field({ description: 'Why, e.g. 访客行程取消.' })
  @Length(1, 200)
  reason!: string;
}

@InputType({ description: 'An entry or exit, as the gate vendor’s system reports it.' })
export class RecordGateEventInput extends VehicleAtLotInput {
  @Field(() => GateDirection, { description: 'Entry or exit.' })
  @IsEnum(GateDirection)
  direction!: GateDirection;

  @Field({ description: 'When the gate saw the vehicle.' })
  @IsDate()
  @IsDateWithin(DATE_WINDOWS.HISTORY)
  occurredAt!: Date;

  @Field({ description: 'The vendor’s own id of the event; a retry with the same id is recorded once.' })
  @Length(1, 100)
  vendorEventId!: string;
}

@InputType({ description: 'A visitor’s vehicle to let into a lot for a while.' })
export class IssueVisitorPassInput extends HouseholdVehicleInput {
  @Field({ description: 'From when the gate lets the vehicle in.' })
  @IsDate()
  @IsDateWithin(DATE_WINDOWS.SCHEDULE)
  validFrom!: Date;

  @Field({ description: 'Until when: at most 72 hours after validFrom.' })
  @IsDate()
  @IsDateWithin(DATE_WINDOWS.SCHEDULE)
  validUntil!: Date;
}

@InputType({ description: 'A parking violation seen in a lot.' })
export class RecordParkingViolationInput extends VehicleAtLotInput {
  @Field(() => ParkingViolationKind, { description: 'What the violation is.' })
  @IsEnum(ParkingViolationKind)
  kind!: ParkingViolationKind;

  @Field({ nullable: true, description: 'What the recorder noticed, up to 500 characters.' })
  @IsOptional()
  @Length(1, 500)
  note?: string;

  @Field({ nullable: true, description: 'An http(s) URL of a photo of the violation, up to 500 characters.' })
  @IsOptional()
  @IsUrl({ protocols: ['https', 'http'], require_protocol: true })
  @Length(1, 500)
  photoUrl?: string;
}

@ArgsType()
export class ParkingPermitsArgs extends ConnectionArgs {
  @Field(() => ParkingPermitStatus, { nullable: true, description: 'Only permits of this status; all when absent.' })
  @IsOptional()
  @IsEnum(ParkingPermitStatus)
  status?: ParkingPermitStatus;
}
