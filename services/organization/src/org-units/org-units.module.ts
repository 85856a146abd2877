import { Module } from '@nestjs/common';
import { MongooseModule } from '@nestjs/mongoose';
import { OrgUnit, OrgUnitSchema } from './org-unit.schema';
import { OrgUnitsResolver } from './org-units.resolver';
import { OrgUnitsService } from './org-units.service';
import { TierScheme, TierSchemeSchema } from './tier-scheme.schema';

@Module({
  imports: [
    MongooseModule.forFeature([
      { name: OrgUnit.name, schema: OrgUnitSchema },
      { name: TierScheme.name, schema: TierSchemeSchema },
    ]),
  ],
  providers: [OrgUnitsService, OrgUnitsResolver],
  exports: [OrgUnitsService],
})
export class OrgUnitsModule {}
