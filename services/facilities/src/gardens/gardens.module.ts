import { Module } from '@nestjs/common';
import { MongooseModule } from '@nestjs/mongoose';
import { TerritoryModule } from '../organization-copy/territory.module';
import { GardenCareLog, GardenCareLogSchema, GardenClaim, GardenClaimSchema } from './garden-claim.schema';
import { GardenLapsesService } from './garden-lapses.service';
import { GardenPlot, GardenPlotSchema } from './garden-plot.schema';
import { GardenClaimResolver, GardenPlotResolver, HouseholdGardensResolver } from './gardens.resolver';
import { GardensService } from './gardens.service';

/** Shared gardens (共享花圃): plots claimed under the garden covenant, their care, lapse and passing on. */
@Module({
  imports: [
    MongooseModule.forFeature([
      { name: GardenPlot.name, schema: GardenPlotSchema },
      { name: GardenClaim.name, schema: GardenClaimSchema },
      { name: GardenCareLog.name, schema: GardenCareLogSchema },
    ]),
    TerritoryModule,
  ],
  providers: [GardensService, GardenLapsesService, GardenPlotResolver, GardenClaimResolver, HouseholdGardensResolver],
  exports: [GardensService, MongooseModule],
})
export class GardensModule {}
