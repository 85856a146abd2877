import { Module } from '@nestjs/common';
import { MongooseModule } from '@nestjs/mongoose';
import { DirectoryModule } from '../organization-copy/directory.module';
import { ProvidersModule } from '../providers/providers.module';
import { CareItem, CareItemSchema } from './care-item.schema';
import {
  CareItemResolver,
  CareProviderItemsResolver,
  CommunityCareItemsResolver,
  EligibilityResolver,
  PartnerUnitCareItemsResolver,
} from './catalogue.resolver';
import { CatalogueService } from './catalogue.service';

@Module({
  imports: [
    MongooseModule.forFeature([{ name: CareItem.name, schema: CareItemSchema }]),
    DirectoryModule,
    ProvidersModule,
  ],
  providers: [
    CatalogueService,
    CareItemResolver,
    EligibilityResolver,
    CommunityCareItemsResolver,
    CareProviderItemsResolver,
    PartnerUnitCareItemsResolver,
  ],
  exports: [CatalogueService],
})
export class CatalogueModule {}
