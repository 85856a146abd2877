import { Module } from '@nestjs/common';
import { MongooseModule } from '@nestjs/mongoose';
import { PartnerUnit, PartnerUnitSchema } from '../partners/partner-unit.schema';
import { TerritoryModule } from '../territory/territory.module';
import { CoBuildingProjectResolver, CommunityListItemResolver } from './three-lists.resolver';
import {
  CoBuildingProject,
  CoBuildingProjectSchema,
  CommunityListItem,
  CommunityListItemSchema,
} from './three-lists.schema';
import { ThreeListsService } from './three-lists.service';

@Module({
  imports: [
    MongooseModule.forFeature([
      { name: CommunityListItem.name, schema: CommunityListItemSchema },
      { name: CoBuildingProject.name, schema: CoBuildingProjectSchema },
      { name: PartnerUnit.name, schema: PartnerUnitSchema },
    ]),
    TerritoryModule,
  ],
  providers: [ThreeListsService, CommunityListItemResolver, CoBuildingProjectResolver],
})
export class ThreeListsModule {}
