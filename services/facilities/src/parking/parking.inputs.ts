import { ConnectionArgs, DATE_WINDOWS, IsDateWithin } from '@gongzhi/platform';
import { ArgsType, Field, ID, InputType } from '@nestjs/graphql';
import { ArrayMaxSize, ArrayMinSize, IsDate, IsEnum, IsMongoId, IsOptional, IsUrl, Length } from 'class-validator';
import { ParkingSpaceKind } from './parking-lot.schema';
import { AllocationMethod, ParkingPermitStatus } from './parking-permit.schema';
import { GateDirection } from './gate-event.schema';
import { ParkingViolationKind } from './parking-violation.schema';
import { IsPlate } from './plates';

@InputType()
export class RegisterParkingLotInput {
  @Field(() => ID)
  @IsMongoId()
  compoundId!: string;

  @Field()
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

@InputType()
export class AddParkingSpacesInput {
  @Field(() => ID)
  @IsMongoId()
  lotId!: string;

  @Field(() => ParkingSpaceKind)
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
  @Field(() => ID)
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

@InputType()
export class ApplyForParkingPermitInput extends HouseholdVehicleInput {}

@InputType()
export class AllocateParkingPermitsInput {
  @Field(() => ID)
  @IsMongoId()
  lotId!: string;

  @Field(() => AllocationMethod)
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

@InputType({ description: 'An entry or exit, as the gate vendor’s system reports it.' })
export class RecordGateEventInput extends VehicleAtLotInput {
  @Field(() => GateDirection)
  @IsEnum(GateDirection)
  direction!: GateDirection;

  @Field()
  @IsDate()
  @IsDateWithin(DATE_WINDOWS.HISTORY)
  occurredAt!: Date;

  @Field({ description: 'The vendor’s own id of the event; a retry with the same id is recorded once.' })
  @Length(1, 100)
  vendorEventId!: string;
}

@InputType()
export class IssueVisitorPassInput extends HouseholdVehicleInput {
  @Field()
  @IsDate()
  @IsDateWithin(DATE_WINDOWS.SCHEDULE)
  validFrom!: Date;

  @Field()
  @IsDate()
  @IsDateWithin(DATE_WINDOWS.SCHEDULE)
  validUntil!: Date;
}

@InputType()
export class RecordParkingViolationInput extends VehicleAtLotInput {
  @Field(() => ParkingViolationKind)
  @IsEnum(ParkingViolationKind)
  kind!: ParkingViolationKind;

  @Field({ nullable: true })
  @IsOptional()
  @Length(1, 500)
  note?: string;

  @Field({ nullable: true })
  @IsOptional()
  @IsUrl({ protocols: ['https', 'http'], require_protocol: true })
  @Length(1, 500)
  photoUrl?: string;
}

@ArgsType()
export class ParkingPermitsArgs extends ConnectionArgs {
  @Field(() => ParkingPermitStatus, { nullable: true })
  @IsOptional()
  @IsEnum(ParkingPermitStatus)
  status?: ParkingPermitStatus;
}
