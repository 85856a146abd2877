import { Module } from '@nestjs/common';
import { MongooseModule } from '@nestjs/mongoose';
import {
  KnownAgreement,
  KnownAgreementSchema,
  TerritoryHousehold,
  TerritoryHouseholdSchema,
  TerritoryPlace,
  TerritoryPlaceSchema,
  TerritoryResident,
  TerritoryResidentSchema,
} from './territory.schema';
import { TerritoryService } from './territory.service';

@Module({
  imports: [
    MongooseModule.forFeature([
      { name: TerritoryPlace.name, schema: TerritoryPlaceSchema },
      { name: TerritoryHousehold.name, schema: TerritoryHouseholdSchema },
      { name: TerritoryResident.name, schema: TerritoryResidentSchema },
      { name: KnownAgreement.name, schema: KnownAgreementSchema },
    ]),
  ],
  providers: [TerritoryService],
  exports: [TerritoryService],
})
export class TerritoryModule {}
