import { Module } from '@nestjs/common';
import { MongooseModule } from '@nestjs/mongoose';
import { OrgUnit, OrgUnitSchema } from '../org-units/org-unit.schema';
import { TerritoryModule } from '../territory/territory.module';
import { Alliance, AllianceSchema } from './alliance.schema';
import { AllianceResolver, CommunityAlliancesResolver } from './alliances.resolver';
import { AlliancesService } from './alliances.service';

/** Community alliances (社区联盟) of neighbouring communities under one street. */
@Module({
  imports: [
    MongooseModule.forFeature([
      { name: Alliance.name, schema: AllianceSchema },
      { name: OrgUnit.name, schema: OrgUnitSchema },
    ]),
    TerritoryModule,
  ],
  providers: [AlliancesService, AllianceResolver, CommunityAlliancesResolver],
})
export class AlliancesModule {}
