import type { Actor } from '@gongzhi/contracts';
import { ForbiddenError, requireSignedIn } from '@gongzhi/platform';
import { Types } from 'mongoose';
import { STAFF_ROLES } from '../access/role-bindings.access';
import { WEBHOOK_EVENTS, type WebhookEventType } from './webhook-events';
import type { WebhookSubscription } from './webhook-subscription.schema';

/** The org units the caller holds a staff role at (street staff, community secretary). */
const staffUnitsOf = (actor: Actor): string[] =>
  actor.roles.filter((grant) => STAFF_ROLES.includes(grant.role) && grant.orgUnitId).map((grant) => grant.orgUnitId!);

/**
 * Which subscriptions the caller owns, as a filter: a partner its partner unit's, staff those of the org units they
 * hold a staff role at, a service all. Others own none and are refused.
 */
export function ownedSubscriptionsFilter(actor: Actor): Record<string, unknown> {
  requireSignedIn(actor);
  if (actor.kind === 'service') return {};
  if (actor.kind === 'partner' && actor.partnerUnitId)
    return { partnerUnitId: new Types.ObjectId(actor.partnerUnitId) };
  const units = staffUnitsOf(actor);
  if (actor.kind === 'person' && units.length > 0)
    return { orgUnitId: { $in: units.filter((id) => Types.ObjectId.isValid(id)).map((id) => new Types.ObjectId(id)) } };
  throw new ForbiddenError('Only a partner (with its API key), street staff or a community secretary has webhooks');
}

/** Whether the caller owns this subscription (answered alike for "not yours" and "not there"). */
export function owns(actor: Actor, subscription: Pick<WebhookSubscription, 'partnerUnitId' | 'orgUnitId'>): boolean {
  if (actor.kind === 'service') return true;
  if (actor.kind === 'partner') return String(subscription.partnerUnitId) === actor.partnerUnitId;
  return subscription.orgUnitId != null && staffUnitsOf(actor).includes(String(subscription.orgUnitId));
}

/**
 * The owner of a subscription the caller registers. A partner registers for its own unit, and only events its key's
 * scopes allow; staff register for an org unit they hold a staff role at.
 */
export function ownerOfNew(
  actor: Actor,
  eventTypes: readonly WebhookEventType[],
  orgUnitId: string | undefined,
): { partnerUnitId: Types.ObjectId | null; orgUnitId: Types.ObjectId | null } {
  requireSignedIn(actor);
  if (actor.kind === 'partner' && actor.partnerUnitId) {
    if (orgUnitId) throw new ForbiddenError("A partner's subscriptions belong to its partner unit, not an org unit");
    const missing = eventTypes.filter((type) => !actor.scopes.includes(WEBHOOK_EVENTS[type].scope));
    if (missing.length > 0)
      throw new ForbiddenError(
        `This API key's scopes do not allow ${missing.join(', ')} (needs ${[...new Set(missing.map((type) => WEBHOOK_EVENTS[type].scope))].join(', ')})`,
      );
    return { partnerUnitId: new Types.ObjectId(actor.partnerUnitId), orgUnitId: null };
  }
  if (actor.kind === 'person') {
    if (!orgUnitId) throw new ForbiddenError('Staff name the org unit (orgUnitId) the subscription belongs to');
    if (!staffUnitsOf(actor).includes(orgUnitId))
      throw new ForbiddenError('Only street staff or a community secretary of that org unit may register its webhooks');
    return { partnerUnitId: null, orgUnitId: new Types.ObjectId(orgUnitId) };
  }
  throw new ForbiddenError(
    'Only a partner (with its API key), street staff or a community secretary registers webhooks',
  );
}
