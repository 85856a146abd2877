import { Module } from '@nestjs/common';
import { MongooseModule } from '@nestjs/mongoose';
import { PartnerUnit, PartnerUnitSchema } from '../partners/partner-unit.schema';
import { ApiKeyRegistry } from './api-key-registry';
import { ApiKey, ApiKeySchema } from './api-key.schema';
import { ApiKeysResolver, PartnerUnitApiKeysResolver } from './api-keys.resolver';
import { ApiKeysService } from './api-keys.service';

/** Co-building partners' API keys, and the NATS KV registry through which every gateway knows the usable ones. */
@Module({
  imports: [
    MongooseModule.forFeature([
      { name: ApiKey.name, schema: ApiKeySchema },
      { name: PartnerUnit.name, schema: PartnerUnitSchema },
    ]),
  ],
  providers: [ApiKeysService, ApiKeyRegistry, ApiKeysResolver, PartnerUnitApiKeysResolver],
})
export class ApiKeysModule {}
