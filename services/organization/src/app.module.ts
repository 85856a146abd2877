import { type SubgraphAppOptions, SubgraphPlatformModule } from '@gongzhi/platform';
import { DynamicModule, Module } from '@nestjs/common';
import { AuditModule } from './audit/audit.module';
import { CareRecipient } from './territory/care-recipients/care-recipient.types';
import { CareRecipientsModule } from './territory/care-recipients/care-recipients.module';
import { OrganizationConfig } from './config';
import { ConsentModule } from './consent/consent.module';
import { GridModule } from './grid/grid.module';
import { OrgUnitsModule } from './org-units/org-units.module';
import { ORGANIZATION_CONFIG } from './organization.tokens';
import { PartnersModule } from './partners/partners.module';
import { AlliancesModule } from './alliances/alliances.module';
import { ProfilesModule } from './profiles/profiles.module';
import { PersonalDataModule } from './personal-data/personal-data.module';
import { TerritoryModule } from './territory/territory.module';
import { ThreeListsModule } from './three-lists/three-lists.module';
// After the features they build on: modules load in import order, and their types appear in the SDL in that order.
import { AccessModule } from './access/access.module';
import { ApiKeysModule } from './api-keys/api-keys.module';
import { WebhooksModule } from './webhooks/webhooks.module';

export const SERVICE_NAME = 'organization';

/**
 * The organization subgraph: the five-tier tree, the territory and its residents with their consents, grid cells,
 * partners, who may act on them (people's roles over units, partners' API keys), the access-audit trail and care
 * orders' recipients as their providers see them.
 */
@Module({})
export class AppModule {
  static forRoot(config: OrganizationConfig, { clock }: SubgraphAppOptions = {}): DynamicModule {
    return {
      module: AppModule,
      imports: [
        // No query of organization returns a CareRecipient: services' CareOrder.recipient does.
        SubgraphPlatformModule.forRoot({ serviceName: SERVICE_NAME, config, clock, orphanedTypes: [CareRecipient] }),
        PersonalDataModule,
        OrgUnitsModule,
        TerritoryModule,
        GridModule,
        PartnersModule,
        AlliancesModule,
        ProfilesModule,
        ThreeListsModule,
        AccessModule,
        ApiKeysModule,
        ConsentModule,
        AuditModule,
        WebhooksModule,
        CareRecipientsModule,
      ],
      providers: [{ provide: ORGANIZATION_CONFIG, useValue: config }],
      exports: [ORGANIZATION_CONFIG],
      global: true,
    };
  }
}
