import { DomainError, InvalidInputError, NotFoundError } from '@gongzhi/platform';
import type { WebhookSubscriptionAction, WebhookSubscriptionStatus } from './webhook-subscription.schema';

export const WebhookErrors = {
  /** Also for a subscription the caller may not see: existence is private. */
  notFound: (id: string) => new NotFoundError('WebhookSubscription', id),
  deliveryNotFound: (id: string) => new NotFoundError('WebhookDelivery', id),
  invalidUrl: (url: string, reason: string) =>
    new DomainError('WEBHOOK_SUBSCRIPTION.INVALID_URL', `The endpoint ${url} is refused: it ${reason}`, {
      field: 'url',
      reason,
    }),
  illegalStep: (id: string, status: WebhookSubscriptionStatus, action: WebhookSubscriptionAction) =>
    new DomainError(
      'WEBHOOK_SUBSCRIPTION.ILLEGAL_STEP',
      `Webhook subscription ${id} is ${status}: ${action} is not a step it allows now`,
      { id, status, action },
    ),
  limitReached: (max: number) =>
    new DomainError(
      'WEBHOOK_SUBSCRIPTION.LIMIT_REACHED',
      `An owner holds at most ${max} webhook subscriptions at once: delete one it no longer uses (deleteWebhookSubscription), or subscribe one endpoint to several event types`,
      { max },
    ),
  replayRange: () =>
    new InvalidInputError([
      { field: 'input', problem: 'must name either deliveryId, or since (and optionally until), not both or neither' },
    ]),
};
