import { Module } from '@nestjs/common';
import { MongooseModule } from '@nestjs/mongoose';
import { CatalogueModule } from '../catalogue/catalogue.module';
import { DirectoryModule } from '../organization-copy/directory.module';
import { ProvidersModule } from '../providers/providers.module';
import { SensitiveReadsModule } from '../sensitive-reads/sensitive-reads.module';
import { TimeBankModule } from '../time-bank/time-bank.module';
import { CareOrder, CareOrderSchema } from './care-order.schema';
import { CareOrderResolver, ResidentCareOrdersResolver } from './orders.resolver';
import { OrdersService } from './orders.service';

@Module({
  imports: [
    MongooseModule.forFeature([{ name: CareOrder.name, schema: CareOrderSchema }]),
    DirectoryModule,
    CatalogueModule,
    ProvidersModule,
    TimeBankModule,
    SensitiveReadsModule,
  ],
  providers: [OrdersService, CareOrderResolver, ResidentCareOrdersResolver],
})
export class OrdersModule {}
