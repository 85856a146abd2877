import {
  type ApiKeyScope,
  type AnyEventContract,
  careOrderAccepted,
  careOrderCancelled,
  careOrderCompleted,
  careOrderDeclined,
  careOrderPlaced,
  careOrderRated,
  careOrderScheduled,
  type EventOf,
  lampFaultClosed,
  lampFaultEscalated,
  lampFaultReported,
  lampWorkOrderAssigned,
  lampWorkOrderReassigned,
  motionPassed,
  type Place,
} from '@gongzhi/contracts';
import { registerEnumType } from '@nestjs/graphql';

/** What a subscriber may subscribe to: a GraphQL name for each event type partners see. */
export enum WebhookEventType {
  LAMP_FAULT_REPORTED = 'LAMP_FAULT_REPORTED',
  LAMP_WORK_ORDER_ASSIGNED = 'LAMP_WORK_ORDER_ASSIGNED',
  LAMP_WORK_ORDER_REASSIGNED = 'LAMP_WORK_ORDER_REASSIGNED',
  LAMP_FAULT_ESCALATED = 'LAMP_FAULT_ESCALATED',
  LAMP_FAULT_CLOSED = 'LAMP_FAULT_CLOSED',
  CARE_ORDER_PLACED = 'CARE_ORDER_PLACED',
  CARE_ORDER_ACCEPTED = 'CARE_ORDER_ACCEPTED',
  CARE_ORDER_DECLINED = 'CARE_ORDER_DECLINED',
  CARE_ORDER_SCHEDULED = 'CARE_ORDER_SCHEDULED',
  CARE_ORDER_COMPLETED = 'CARE_ORDER_COMPLETED',
  CARE_ORDER_CANCELLED = 'CARE_ORDER_CANCELLED',
  CARE_ORDER_RATED = 'CARE_ORDER_RATED',
  MOTION_PASSED = 'MOTION_PASSED',
}

/**
 * Where a care order's later steps happened and whose they are, which their events do not say: organization's
 * `care_deliveries` record of the order (from its care.order.placed), added to the event's payload.
 */
export interface CareOrderPlace {
  communityId: string;
  /** The partner unit the order is placed with; null for a volunteer's. */
  partnerUnitId: string | null;
}

/**
 * How one event type reaches subscribers: who may see it, where it happened, and the body they receive. `P` is what
 * the functions read: the event's payload, with the order's place for a care order's later steps.
 */
interface WebhookEventRule<C extends AnyEventContract, P = EventOf<C>['payload']> {
  contract: C;
  /** The scope a partner's keys must hold (staff need a staff role over the place instead). */
  scope: ApiKeyScope;
  /** Set for a care order's later steps: the payload is read with the order's CareOrderPlace added. */
  careOrderPlace?: true;
  place: (payload: P) => Place;
  /** Set where a partner sees only its own: the partner units the event names (a reassignment names two). */
  partnerUnitsOf?: (payload: P) => (string | null)[];
  /** The `data` of the delivery: ids and outcomes, nothing about residents; fetch details through the API. */
  data: (payload: P) => Record<string, unknown>;
  description: string;
}

const rule = <C extends AnyEventContract>(definition: WebhookEventRule<C>) =>
  definition as unknown as WebhookEventRule<AnyEventContract, Record<string, unknown>>;

/**
 * A later step of a care order (accepted, declined, scheduled…): where and whose from the order's CareOrderPlace; a
 * partner sees only the steps of orders placed with it, staff those in their jurisdiction. `data` picks the event's
 * own fields to send, beside `partnerUnitId` and `communityId`.
 */
const careOrderStep = <C extends AnyEventContract>(
  contract: C,
  data: (payload: EventOf<C>['payload']) => Record<string, unknown>,
  description: string,
) =>
  ({
    contract,
    scope: 'services:orders:read',
    careOrderPlace: true,
    place: (p: CareOrderPlace) => ({ communityId: p.communityId }),
    partnerUnitsOf: (p: CareOrderPlace) => [p.partnerUnitId],
    data: (p: EventOf<C>['payload'] & CareOrderPlace) => ({
      ...data(p),
      partnerUnitId: p.partnerUnitId,
      communityId: p.communityId,
    }),
    description: `${description}; a partner sees only the steps of orders placed with it. Needs services:orders:read.`,
  }) as unknown as WebhookEventRule<AnyEventContract, Record<string, unknown>>;

export const WEBHOOK_EVENTS: Record<WebhookEventType, WebhookEventRule<AnyEventContract, Record<string, unknown>>> = {
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
    partnerUnitsOf: (p) => [p.partnerUnitId],
    data: (p) => p,
    description:
      'A lamp work order was assigned (facilities.lamp.work-order-assigned); a partner sees only its own. Needs facilities:lamps:read.',
  }),
  // Both partners hear it: the one given the order, and the one it was taken from (who must stop work on it). The
  // reason is the fault's public status note already (Open311 status_notes), so it is sent as it is.
  LAMP_WORK_ORDER_REASSIGNED: rule({
    contract: lampWorkOrderReassigned,
    scope: 'facilities:lamps:read',
    place: (p) => ({ communityId: p.communityId }),
    partnerUnitsOf: (p) => [p.partnerUnitId, p.previousPartnerUnitId],
    data: (p) => p,
    description:
      'A lamp work order was taken from one partner and given to another, with the reason (facilities.lamp.work-order-reassigned); a partner sees it when it is either of them. Needs facilities:lamps:read.',
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
    partnerUnitsOf: (p) => [p.partnerUnitId],
    data: (p) => p,
    description:
      'A work order closed a lamp fault (facilities.lamp.fault-closed); a partner sees only its own. Needs facilities:lamps:read.',
  }),
  CARE_ORDER_PLACED: rule({
    contract: careOrderPlaced,
    scope: 'services:orders:read',
    place: (p) => ({ communityId: p.communityId }),
    partnerUnitsOf: (p) => [p.partnerUnitId],
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
  CARE_ORDER_ACCEPTED: careOrderStep(
    careOrderAccepted,
    ({ orderId, providerId, volunteerId }) => ({ orderId, providerId, volunteerId }),
    'The provider took a care order (care.order.accepted), naming the volunteer it sends if any',
  ),
  CARE_ORDER_DECLINED: careOrderStep(
    careOrderDeclined,
    ({ orderId, providerId }) => ({ orderId, providerId }),
    'The provider declined a care order (care.order.declined)',
  ),
  CARE_ORDER_SCHEDULED: careOrderStep(
    careOrderScheduled,
    ({ orderId, scheduledFor }) => ({ orderId, scheduledFor }),
    'A care order’s visit was scheduled (care.order.scheduled)',
  ),
  CARE_ORDER_COMPLETED: careOrderStep(
    careOrderCompleted,
    ({ orderId, minutes, volunteerId }) => ({ orderId, minutes, volunteerId }),
    'A care order was delivered (care.order.completed), with the visit’s minutes',
  ),
  // Without its cause: "the resident moved out" or "the guardian withdrew consent" is about the resident.
  CARE_ORDER_CANCELLED: careOrderStep(
    careOrderCancelled,
    ({ orderId }) => ({ orderId }),
    'A care order was cancelled (care.order.cancelled), without why',
  ),
  CARE_ORDER_RATED: careOrderStep(
    careOrderRated,
    ({ orderId, providerId, stars }) => ({ orderId, providerId, stars }),
    'The resident rated a delivered care order (care.order.rated), stars only',
  ),
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
