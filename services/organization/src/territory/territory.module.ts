import { Module } from '@nestjs/common';
import { MongooseModule } from '@nestjs/mongoose';
import {
  BuildingResolver,
  CommunityResolver,
  CompoundResolver,
  HouseholdResolver,
  ResidentResolver,
} from './territory.resolver';
import {
  Building,
  BuildingSchema,
  Community,
  CommunitySchema,
  Compound,
  CompoundSchema,
  Household,
  HouseholdSchema,
  Resident,
  ResidentSchema,
} from './territory.schema';
import { ResidentReadAudit } from './resident-read-audit';
import { TerritoryService } from './territory.service';
import { AgeBandSweep } from './age-band-sweep.service';

@Module({
  imports: [
    MongooseModule.forFeature([
      { name: Community.name, schema: CommunitySchema },
      { name: Compound.name, schema: CompoundSchema },
      { name: Building.name, schema: BuildingSchema },
      { name: Household.name, schema: HouseholdSchema },
      { name: Resident.name, schema: ResidentSchema },
    ]),
  ],
  providers: [
    TerritoryService,
    AgeBandSweep,
    ResidentReadAudit,
    CommunityResolver,
    CompoundResolver,
    BuildingResolver,
    HouseholdResolver,
    ResidentResolver,
  ],
  exports: [TerritoryService, ResidentReadAudit, MongooseModule],
})
export class TerritoryModule {}
