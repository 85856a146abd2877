import { Module } from '@nestjs/common';
import { MongooseModule } from '@nestjs/mongoose';
import { DirectoryModule } from '../organization-copy/directory.module';
import { CareProvider, CareProviderSchema } from './care-provider.schema';
import {
  CareProviderResolver,
  CommunityCareProvidersResolver,
  PartnerUnitCareProvidersResolver,
} from './providers.resolver';
import { ProvidersService } from './providers.service';

@Module({
  imports: [MongooseModule.forFeature([{ name: CareProvider.name, schema: CareProviderSchema }]), DirectoryModule],
  providers: [ProvidersService, CareProviderResolver, CommunityCareProvidersResolver, PartnerUnitCareProvidersResolver],
  exports: [ProvidersService],
})
export class ProvidersModule {}
