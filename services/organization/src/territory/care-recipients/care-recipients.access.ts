import type { Actor, ApiKeyScope } from '@gongzhi/contracts';
import { currentActor, isTrustedService, partnerMay } from '@gongzhi/platform';
import type { CareDelivery } from './care-delivery.schema';

const ORDERS_READ: ApiKeyScope = 'services:orders:read';
const ORDERS_ACCEPT: ApiKeyScope = 'services:orders:accept';

/**
 * A care order's recipient is for those delivering it, while it is open: the partner unit it is addressed to, with an
 * orders scope of its key in the resident's community, or a volunteer it is given to, as themself. Everyone else
 * reads the resident as Resident's own rules allow.
 */
export function mayReadRecipient(
  delivery: Pick<CareDelivery, 'open' | 'partnerUnitId' | 'communityId'>,
  volunteerResidentIds: readonly string[],
  actor: Actor = currentActor(),
): boolean {
  if (isTrustedService(actor)) return true;
  if (!delivery.open) return false;
  if (actor.kind === 'partner') {
    const place = { communityId: String(delivery.communityId) };
    return (
      delivery.partnerUnitId !== null &&
      actor.partnerUnitId === String(delivery.partnerUnitId) &&
      [ORDERS_READ, ORDERS_ACCEPT].some((scope) => partnerMay(scope, place, actor))
    );
  }
  return actor.kind === 'person' && actor.residentId !== undefined && volunteerResidentIds.includes(actor.residentId);
}
