import {
  type ApiKeyScope,
  type AnyEventContract,
  careOrderPlaced,
  type EventOf,
  lampFaultClosed,
  lampFaultEscalated,
  lampFaultReported,
  lampWorkOrderAssigned,
  motionPassed,
  type Place,
} from '@gongzhi/contracts';
import { registerEnumType } from '@nestjs/graphql';

/** What a subscriber may subscribe to: a GraphQL name for each event type partners see. */
export enum WebhookEventType {
  LAMP_FAULT_REPORTED = 'LAMP_FAULT_REPORTED',
  LAMP_WORK_ORDER_ASSIGNED = 'LAMP_WORK_ORDER_ASSIGNED',
  LAMP_FAULT_ESCALATED = 'LAMP_FAULT_ESCALATED',
  LAMP_FAULT_CLOSED = 'LAMP_FAULT_CLOSED',
  CARE_ORDER_PLACED = 'CARE_ORDER_PLACED',
  MOTION_PASSED = 'MOTION_PASSED',
}

/** How one event type reaches subscribers: who may see it, where it happened, and the body they receive. */
interface WebhookEventRule<C extends AnyEventContract> {
  contract: C;
  /** The scope a partner's keys must hold (staff need a staff role over the place instead). */
  scope: ApiKeyScope;
  place: (payload: EventOf<C>['payload']) => Place;
  /** Set where a partner sees only its own: the partner unit the event names. */
  partnerUnitOf?: (payload: EventOf<C>['payload']) => string | null;
  /** The `data` of the delivery: ids and outcomes, nothing about residents; fetch details through the API. */
  data: (payload: EventOf<C>['payload']) => Record<string, unknown>;
  description: string;
}

const rule = <C extends AnyEventContract>(definition: WebhookEventRule<C>) =>
  definition as unknown as WebhookEventRule<AnyEventContract>;

export const WEBHOOK_EVENTS: Record<WebhookEventType, WebhookEventRule<AnyEventContract>> = {
  LAMP_FAULT_REPORTED: rule({
    contract: lampFaultReported,
    scope: 'facilities:lamps:read',
    place: (p) => ({ communityId: p.communityId, compoundId: p.compoundId }),
    data: (p) => p,
    description: 'A street-lamp fault was reported (facilities.lamp.fault-reported). Needs facilities:lamps:read.',
  }),
  LAMP_WORK_ORDER_ASSIGNED: rule({
    contract: lampWorkOrderAssigned,
    scope: 'facilities:lamps:read',
    place: (p) => ({ communityId: p.communityId }),
    partnerUnitOf: (p) => p.partnerUnitId,
    data: (p) => p,
    description:
      'A lamp work order was assigned (facilities.lamp.work-order-assigned); a partner sees only its own. Needs facilities:lamps:read.',
  }),
  LAMP_FAULT_ESCALATED: rule({
    contract: lampFaultEscalated,
    scope: 'facilities:lamps:read',
    place: (p) => ({ communityId: p.communityId }),
    data: (p) => p,
    description:
      'A lamp fault past its deadline was escalated (facilities.lamp.fault-escalated). Needs facilities:lamps:read.',
  }),
  LAMP_FAULT_CLOSED: rule({
    contract: lampFaultClosed,
    scope: 'facilities:lamps:read',
    place: (p) => ({ communityId: p.communityId }),
    partnerUnitOf: (p) => p.partnerUnitId,
    data: (p) => p,
    description:
      'A work order closed a lamp fault (facilities.lamp.fault-closed); a partner sees only its own. Needs facilities:lamps:read.',
  }),
  CARE_ORDER_PLACED: rule({
    contract: careOrderPlaced,
    scope: 'services:orders:read',
    place: (p) => ({ communityId: p.communityId }),
    partnerUnitOf: (p) => p.partnerUnitId,
    // The resident the care is for stays out: the provider reads the order through the API, where consent rules apply.
    data: ({ orderId, itemId, providerId, partnerUnitId, communityId, onBehalf }) => ({
      orderId,
      itemId,
      providerId,
      partnerUnitId,
      communityId,
      onBehalf,
    }),
    description:
      'A care order was placed with a provider (care.order.placed), without the resident; a partner sees only orders to itself. Needs services:orders:read.',
  }),
  MOTION_PASSED: rule({
    contract: motionPassed,
    scope: 'deliberation:motions:read',
    place: (p) => ({ communityId: p.communityId, compoundId: p.compoundId, buildingId: p.buildingId ?? null }),
    data: (p) => p,
    description: 'A motion was decided and passed (deliberation.motion.passed). Needs deliberation:motions:read.',
  }),
};

registerEnumType(WebhookEventType, {
  name: 'WebhookEventType',
  description: 'An event a webhook subscription can receive; the delivery body names it by its event type.',
  valuesMap: Object.fromEntries(
    Object.entries(WEBHOOK_EVENTS).map(([name, { description }]) => [name, { description }]),
  ),
});

/** The webhook event type of an event type string, if partners may subscribe to it. */
export const webhookEventTypeOf = (type: string): WebhookEventType | undefined =>
  (Object.keys(WEBHOOK_EVENTS) as WebhookEventType[]).find((name) => WEBHOOK_EVENTS[name].contract.type === type);

/** The contracts the delivery worker's durable consumer subscribes to. */
export const WEBHOOK_CONTRACTS = Object.values(WEBHOOK_EVENTS).map((entry) => entry.contract);
