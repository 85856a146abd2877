import { Module } from '@nestjs/common';
import { MongooseModule } from '@nestjs/mongoose';
import { OrgUnit, OrgUnitSchema } from '../org-units/org-unit.schema';
import { PartnerUnit, PartnerUnitSchema } from '../partners/partner-unit.schema';
import {
  Building,
  BuildingSchema,
  Compound,
  CompoundSchema,
  Resident,
  ResidentSchema,
} from '../territory/territory.schema';
import { AuditEntry, AuditEntrySchema } from './audit-entry.schema';
import { AuditPlaces } from './audit-places';
import { AuditTrailService } from './audit-trail.service';
import { AuditResolver } from './audit.resolver';

@Module({
  imports: [
    MongooseModule.forFeature([
      { name: AuditEntry.name, schema: AuditEntrySchema },
      // Read only, to place each entry in its communities.
      { name: Resident.name, schema: ResidentSchema },
      { name: OrgUnit.name, schema: OrgUnitSchema },
      { name: PartnerUnit.name, schema: PartnerUnitSchema },
      { name: Compound.name, schema: CompoundSchema },
      { name: Building.name, schema: BuildingSchema },
    ]),
  ],
  providers: [AuditTrailService, AuditPlaces, AuditResolver],
})
export class AuditModule {}
