import { type SubgraphAppOptions, SubgraphPlatformModule } from '@gongzhi/platform';
import { DynamicModule, Module } from '@nestjs/common';
import { CareProfilesModule } from './care-profiles/care-profiles.module';
import { CatalogueModule } from './catalogue/catalogue.module';
import { ServicesConfig } from './config';
import { DirectoryModule } from './organization-copy/directory.module';
import { DoctorRotaModule } from './doctor-rota/doctor-rota.module';
import { OrdersModule } from './orders/orders.module';
import { ProvidersModule } from './providers/providers.module';
import { Community, PartnerUnit, Resident } from './organization-copy/organization.types';
import { SessionsModule } from './sessions/sessions.module';
import { TimeBankModule } from './time-bank/time-bank.module';

export const SERVICE_NAME = 'services';

/**
 * The services subgraph: elder care and childcare ordered by residents and taken by providers (点单式) — the
 * catalogue, the providers, orders, sessions with their places and waitlists, care profiles and the family-doctor
 * rota — on a copy of organization's places, residents and consents kept from its events.
 */
@Module({})
export class AppModule {
  static forRoot(config: ServicesConfig, { clock }: SubgraphAppOptions = {}): DynamicModule {
    return {
      module: AppModule,
      imports: [
        SubgraphPlatformModule.forRoot({
          serviceName: SERVICE_NAME,
          config,
          clock,
          orphanedTypes: [Resident, Community, PartnerUnit],
        }),
        DirectoryModule,
        ProvidersModule,
        CatalogueModule,
        TimeBankModule,
        OrdersModule,
        SessionsModule,
        CareProfilesModule,
        DoctorRotaModule,
      ],
    };
  }
}
