import { Connection, Payload, StepTypes } from '@gongzhi/platform';
import { Field, ID, Int, ObjectType, registerEnumType } from '@nestjs/graphql';
import { GateEvent } from './gate-event.schema';
import { ParkingLot, ParkingSpace } from './parking-lot.schema';
import {
  ParkingLottery,
  type ParkingLotteryDocument,
  ParkingPermit,
  ParkingPermitStatus,
} from './parking-permit.schema';
import { ParkingPermitAction } from './parking-permit-steps';
import { ParkingStay } from './parking-stay.schema';
import { ParkingViolation } from './parking-violation.schema';
import { VisitorPass, VisitorPassStatus } from './visitor-pass.schema';
import { VisitorPassAction } from './visitor-pass-steps';

registerEnumType(ParkingPermitAction, {
  name: 'ParkingPermitAction',
  description: 'A step that may be taken on one parking permit.',
  valuesMap: { REVOKE: { description: 'Take the permit back and free its space: revokeParkingPermit.' } },
});

registerEnumType(VisitorPassAction, {
  name: 'VisitorPassAction',
  description: 'A step that may be taken on one visitor pass.',
  valuesMap: { REVOKE: { description: 'Take the pass back before it expires: revokeVisitorPass.' } },
});

@ObjectType({ description: 'A page of a lot’s overstays, the longest overdue first.' })
export class ParkingOverstayConnection extends Connection(ParkingStay, 'ParkingOverstay') {}

@ObjectType({ description: 'A page of parking lots.' })
export class ParkingLotConnection extends Connection(ParkingLot) {}

@ObjectType({ description: 'A page of a lot’s spaces.' })
export class ParkingSpaceConnection extends Connection(ParkingSpace) {}

@ObjectType({ description: 'A page of parking permits.' })
export class ParkingPermitConnection extends Connection(ParkingPermit) {}

@ObjectType({ description: 'A page of a lot’s entries and exits.' })
export class GateEventConnection extends Connection(GateEvent) {}

@ObjectType({ description: 'A page of visitor passes.' })
export class VisitorPassConnection extends Connection(VisitorPass) {}

@ObjectType({ description: 'A page of parking violations.' })
export class ParkingViolationConnection extends Connection(ParkingViolation) {}

export const { Step: ParkingPermitStep, StepConnection: ParkingPermitStepConnection } = StepTypes(
  'ParkingPermit',
  ParkingPermitStatus,
  'a parking permit',
);

export const { Step: VisitorPassStep, StepConnection: VisitorPassStepConnection } = StepTypes(
  'VisitorPass',
  VisitorPassStatus,
  'a visitor pass',
);

@ObjectType({ description: 'A lottery drawn again from its recorded seed and candidates.' })
export class ParkingLotteryReproduction {
  @Field(() => ParkingLottery, { description: 'The lottery as recorded.' })
  lottery!: ParkingLotteryDocument;

  @Field(() => [ID], { description: 'The winners the recorded seed gives, in the order drawn.' })
  redrawnWinnerIds!: string[];

  @Field({ description: 'Whether they are exactly the winners recorded.' })
  matchesRecord!: boolean;
}

@ObjectType({ description: 'What registerParkingLot changed.' })
export class RegisterParkingLotPayload extends Payload('parkingLot', ParkingLot, 'The lot registered.') {}

@ObjectType({ description: 'What setParkingLotMaxStay changed.' })
export class SetParkingLotMaxStayPayload extends Payload(
  'parkingLot',
  ParkingLot,
  'The lot with its new maximum stay; the outsiders inside now are held to it.',
) {}

@ObjectType({ description: 'What addParkingSpaces changed.' })
export class AddParkingSpacesPayload extends Payload(
  'parkingLot',
  ParkingLot,
  'The lot, with the spaces added and its capacity grown.',
) {}

@ObjectType({ description: 'What recordGateEvent changed.' })
export class RecordGateEventPayload extends Payload(
  'gateEvent',
  GateEvent,
  'The entry or exit recorded (the one recorded before, for a retried vendorEventId).',
) {}

@ObjectType({ description: 'What allocateParkingPermits changed: the permits one allocation of a lot granted.' })
export class AllocateParkingPermitsPayload extends Payload(
  'parkingLot',
  ParkingLot,
  'The lot allocated, its resident spaces now held.',
) {
  @Field(() => [ParkingPermit], { description: 'In the order granted: waitlist order, or the order drawn.' })
  granted!: unknown[];

  @Field(() => ParkingLottery, { nullable: true, description: 'The draw, when the allocation was a lottery.' })
  lottery!: unknown;

  @Field(() => Int, { description: 'Applications left on the waitlist.' })
  stillWaiting!: number;
}

@ObjectType({ description: 'What recordParkingViolation changed.' })
export class RecordParkingViolationPayload extends Payload(
  'parkingViolation',
  ParkingViolation,
  'The violation recorded.',
) {}

@ObjectType({ description: 'What applyForParkingPermit changed.' })
export class ApplyForParkingPermitPayload extends Payload(
  'parkingPermit',
  ParkingPermit,
  'The application, WAITING on the lot’s waitlist.',
) {}

@ObjectType({ description: 'What issueVisitorPass changed.' })
export class IssueVisitorPassPayload extends Payload('visitorPass', VisitorPass, 'The pass issued.') {}

@ObjectType({ description: 'What revokeParkingPermit changed.' })
export class RevokeParkingPermitPayload extends Payload(
  'parkingPermit',
  ParkingPermit,
  'The permit, REVOKED; its space is free again.',
) {}

@ObjectType({ description: 'What revokeVisitorPass changed.' })
export class RevokeVisitorPassPayload extends Payload(
  'visitorPass',
  VisitorPass,
  'The pass, REVOKED; the gate no longer lets the vehicle in on it.',
) {}
