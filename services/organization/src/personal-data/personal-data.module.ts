import { Clock, ConfigurationError } from '@gongzhi/platform';
import { Global, Injectable, Module, type OnModuleInit } from '@nestjs/common';
import { InjectConnection } from '@nestjs/mongoose';
import type { Connection } from 'mongoose';
import type { OrganizationConfig } from '../config';
import { ORGANIZATION_CONFIG } from '../organization.tokens';
import { verifyKeyRing } from './key-check';
import { PersonalDataCipher, PersonalDataKeyError } from './personal-data-cipher';
import { loadPersonalDataKeyRing } from './personal-data-keys';

/** Refuses to start with a key ring that does not fit the database (see verifyKeyRing). */
@Injectable()
class PersonalDataKeyCheck implements OnModuleInit {
  constructor(
    @InjectConnection() private readonly connection: Connection,
    private readonly cipher: PersonalDataCipher,
    private readonly clock: Clock,
  ) {}

  async onModuleInit(): Promise<void> {
    try {
      await verifyKeyRing(this.connection, this.cipher, this.clock);
    } catch (error) {
      // The service stops with one line naming the key, as for any other bad configuration.
      throw error instanceof PersonalDataKeyError ? new ConfigurationError([error.message]) : error;
    }
  }
}

/** The cipher that seals residents' numbers at rest, from the validated key ring of the configuration. */
@Global()
@Module({
  providers: [
    {
      provide: PersonalDataCipher,
      useFactory: (config: OrganizationConfig) => new PersonalDataCipher(loadPersonalDataKeyRing(config)),
      inject: [ORGANIZATION_CONFIG],
    },
    PersonalDataKeyCheck,
  ],
  exports: [PersonalDataCipher],
})
export class PersonalDataModule {}
