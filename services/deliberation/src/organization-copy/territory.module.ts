import { Module } from '@nestjs/common';
import { MongooseModule } from '@nestjs/mongoose';
import {
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
    ]),
  ],
  providers: [TerritoryService],
  exports: [TerritoryService],
})
export class TerritoryModule {}
