import { Module } from '@nestjs/common';
import { MongooseModule } from '@nestjs/mongoose';
import { PartnersModule } from '../organization-copy/partners.module';
import { TerritoryModule } from '../organization-copy/territory.module';
import { EscalationBoardService } from './escalation-board.service';
import { LampFaultEscalationResolver } from './escalation-board.resolver';
import { FaultEscalationService } from './fault-escalation.service';
import { LampFault, LampFaultSchema } from './lamp-fault.schema';
import { LampFaultSla, LampFaultSlaSchema } from './lamp-fault-sla.schema';
import { LampFaultSlasService } from './lamp-fault-slas.service';
import { LampFaultsService } from './lamp-faults.service';
import { LampRenewalProject, LampRenewalProjectSchema } from './lamp-renewal-project.schema';
import { LampRenewalsService } from './lamp-renewals.service';
import { Lamp, LampSchema } from './lamp.schema';
import { LampWorkOrder, LampWorkOrderSchema } from './lamp-work-order.schema';
import { LampWorkOrdersService } from './lamp-work-orders.service';
import { LampsService } from './lamps.service';
import {
  LampFaultResolver,
  LampRenewalProjectResolver,
  LampResolver,
  LampWorkOrderResolver,
} from './lighting.resolver';

/**
 * Street lighting: lamps, residents' fault reports (Open311), partners' work orders, the escalation of late ones, and
 * the renewal projects residents decide in deliberation.
 */
@Module({
  imports: [
    MongooseModule.forFeature([
      { name: Lamp.name, schema: LampSchema },
      { name: LampFault.name, schema: LampFaultSchema },
      { name: LampFaultSla.name, schema: LampFaultSlaSchema },
      { name: LampWorkOrder.name, schema: LampWorkOrderSchema },
      { name: LampRenewalProject.name, schema: LampRenewalProjectSchema },
    ]),
    TerritoryModule,
    PartnersModule,
  ],
  providers: [
    LampsService,
    LampFaultsService,
    LampWorkOrdersService,
    FaultEscalationService,
    LampFaultSlasService,
    EscalationBoardService,
    LampFaultEscalationResolver,
    LampRenewalsService,
    LampResolver,
    LampRenewalProjectResolver,
    LampFaultResolver,
    LampWorkOrderResolver,
  ],
  exports: [LampsService, LampRenewalsService, MongooseModule],
})
export class LightingModule {}
