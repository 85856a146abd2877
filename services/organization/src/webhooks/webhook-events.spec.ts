import * as contracts from '@gongzhi/contracts';
import { WEBHOOK_CONTRACTS, WEBHOOK_EVENTS, webhookEventTypeOf, WebhookEventType } from './webhook-events';

/**
 * The events partners may receive (docs/webhooks.md): every step of a lamp fault and of its work order, every step of
 * a care order, and a motion passed. A new event of these families is a webhook type too, unless named below with
 * why partners never get it.
 */
const PARTNER_FAMILIES = [/^facilities\.lamp\.fault-/, /^facilities\.lamp\.work-order-/, /^care\.order\./];
const PARTNER_EVENTS = new Set(['deliberation.motion.passed']);
const NOT_FOR_PARTNERS: Record<string, string> = {
  'facilities.lamp.fault-sla-changed':
    "an operator's change of a kind of fault's SLA: about no fault, place or partner",
};

const eventTypes = (Object.values(contracts) as unknown[])
  .filter(
    (value): value is contracts.AnyEventContract =>
      typeof value === 'object' &&
      value !== null &&
      typeof (value as { type?: unknown }).type === 'string' &&
      typeof (value as { parseEnvelope?: unknown }).parseEnvelope === 'function',
  )
  .map((contract) => contract.type);

describe('webhook event types', () => {
  it('are the events partners may receive: every lamp fault, work order and care order step, and motions passed', () => {
    const partnerEvents = eventTypes.filter(
      (type) =>
        (PARTNER_FAMILIES.some((family) => family.test(type)) || PARTNER_EVENTS.has(type)) && !NOT_FOR_PARTNERS[type],
    );
    expect(partnerEvents).toContain('facilities.lamp.work-order-reassigned');
    expect(WEBHOOK_CONTRACTS.map((contract) => contract.type).sort()).toEqual([...new Set(partnerEvents)].sort());
  });

  it('name each event type once, and find it back from the body type', () => {
    expect(webhookEventTypeOf('facilities.lamp.work-order-reassigned')).toBe(
      WebhookEventType.LAMP_WORK_ORDER_REASSIGNED,
    );
    expect(webhookEventTypeOf('facilities.lamp.fault-sla-changed')).toBeUndefined();
    const types = Object.values(WEBHOOK_EVENTS).map((rule) => rule.contract.type);
    expect(new Set(types).size).toBe(types.length);
  });

  it('let both partners of a reassignment hear it, and no other', () => {
    const rule = WEBHOOK_EVENTS.LAMP_WORK_ORDER_REASSIGNED;
    const payload = {
      workOrderId: 'wo-1',
      faultId: 'fault-1',
      lampId: 'lamp-1',
      communityId: 'songyuan',
      partnerUnitId: '园区照明工程公司',
      previousPartnerUnitId: '苏州园区物业服务有限公司',
      reason: '两次约定未到场',
    };
    expect(rule.partnerUnitsOf?.(payload)).toEqual(['园区照明工程公司', '苏州园区物业服务有限公司']);
    expect(rule.place(payload)).toEqual({ communityId: 'songyuan' });
    expect(rule.scope).toBe('facilities:lamps:read');
  });
});
