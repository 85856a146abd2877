import { Module } from '@nestjs/common';
import { MongooseModule } from '@nestjs/mongoose';
import { TerritoryModule } from '../organization-copy/territory.module';
import { GateEvent, GateEventSchema } from './gate-event.schema';
import { ParkingControlService } from './parking-control.service';
import { ParkingLot, ParkingLotSchema, ParkingSpace, ParkingSpaceSchema } from './parking-lot.schema';
import { ParkingLotsService } from './parking-lots.service';
import { ParkingOverstaysService } from './parking-overstays.service';
import { ParkingStay, ParkingStaySchema } from './parking-stay.schema';
import { ParkingLottery, ParkingLotterySchema, ParkingPermit, ParkingPermitSchema } from './parking-permit.schema';
import { ParkingPermitsService } from './parking-permits.service';
import { ParkingViolation, ParkingViolationSchema } from './parking-violation.schema';
import {
  HouseholdParkingResolver,
  ParkingLotResolver,
  ParkingLotteryResolver,
  ParkingPermitResolver,
  VisitorPassResolver,
} from './parking.resolver';
import { VisitorPass, VisitorPassSchema } from './visitor-pass.schema';

/**
 * Parking: lots and spaces, permits by waitlist or lottery, the barrier gate's count, visitor passes, overstays,
 * violations.
 */
@Module({
  imports: [
    MongooseModule.forFeature([
      { name: ParkingLot.name, schema: ParkingLotSchema },
      { name: ParkingSpace.name, schema: ParkingSpaceSchema },
      { name: ParkingPermit.name, schema: ParkingPermitSchema },
      { name: ParkingLottery.name, schema: ParkingLotterySchema },
      { name: GateEvent.name, schema: GateEventSchema },
      { name: VisitorPass.name, schema: VisitorPassSchema },
      { name: ParkingViolation.name, schema: ParkingViolationSchema },
      { name: ParkingStay.name, schema: ParkingStaySchema },
    ]),
    TerritoryModule,
  ],
  providers: [
    ParkingLotsService,
    ParkingPermitsService,
    ParkingControlService,
    ParkingOverstaysService,
    ParkingLotResolver,
    ParkingPermitResolver,
    ParkingLotteryResolver,
    VisitorPassResolver,
    HouseholdParkingResolver,
  ],
  exports: [ParkingLotsService, ParkingOverstaysService, MongooseModule],
})
export class ParkingModule {}
