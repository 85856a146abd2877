import { Module } from '@nestjs/common';
import { MongooseModule } from '@nestjs/mongoose';
import { TerritoryModule } from '../territory.module';
import { CareDelivery, CareDeliverySchema, CareVolunteer, CareVolunteerSchema } from './care-delivery.schema';
import { CareRecipientResolver } from './care-recipients.resolver';
import { CareDeliveries } from './care-recipients.service';

/** The resident a care order is for, as its provider may see them: who delivers which order comes from services' events. */
@Module({
  imports: [
    MongooseModule.forFeature([
      { name: CareDelivery.name, schema: CareDeliverySchema },
      { name: CareVolunteer.name, schema: CareVolunteerSchema },
    ]),
    TerritoryModule,
  ],
  providers: [CareDeliveries, CareRecipientResolver],
})
export class CareRecipientsModule {}
