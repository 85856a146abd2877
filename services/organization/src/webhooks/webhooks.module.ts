import { SubgraphMetrics, WebhookMetrics } from '@gongzhi/metrics';
import { Module } from '@nestjs/common';
import { MongooseModule } from '@nestjs/mongoose';
import { RoleBinding, RoleBindingSchema } from '../access/role-binding.schema';
import { ApiKey, ApiKeySchema } from '../api-keys/api-key.schema';
import { OrgUnit, OrgUnitSchema } from '../org-units/org-unit.schema';
import { PartnerUnit, PartnerUnitSchema } from '../partners/partner-unit.schema';
import { CareDelivery, CareDeliverySchema } from '../territory/care-recipients/care-delivery.schema';
import { WebhookAudience } from './webhook-audience';
import { WebhookDelivery, WebhookDeliverySchema } from './webhook-delivery.schema';
import { WebhookSender } from './webhook-sender';
import { WebhookSubscription, WebhookSubscriptionSchema } from './webhook-subscription.schema';
import { WebhookDeliveriesResolver, WebhookSubscriptionsResolver } from './webhooks.resolver';
import { WebhooksService } from './webhooks.service';

/**
 * Signed webhooks (Standard Webhooks) for partners and staff: subscriptions, a durable JetStream consumer that turns
 * the events they may see into deliveries, and the sender that signs, sends and retries them (docs/webhooks.md).
 */
@Module({
  imports: [
    MongooseModule.forFeature([
      { name: WebhookSubscription.name, schema: WebhookSubscriptionSchema },
      { name: WebhookDelivery.name, schema: WebhookDeliverySchema },
      { name: PartnerUnit.name, schema: PartnerUnitSchema },
      { name: ApiKey.name, schema: ApiKeySchema },
      { name: RoleBinding.name, schema: RoleBindingSchema },
      { name: OrgUnit.name, schema: OrgUnitSchema },
      // Read only: which partner and community a care order's later steps belong to (kept by care-deliveries).
      { name: CareDelivery.name, schema: CareDeliverySchema },
    ]),
  ],
  providers: [
    WebhooksService,
    WebhookAudience,
    WebhookSender,
    WebhookSubscriptionsResolver,
    WebhookDeliveriesResolver,
    // Served at /metrics beside the platform's families (libs/metrics/src/webhook-metrics.ts).
    {
      provide: WebhookMetrics,
      useFactory: (metrics: SubgraphMetrics) => new WebhookMetrics(metrics.registry),
      inject: [SubgraphMetrics],
    },
  ],
})
export class WebhooksModule {}
