import { type Actor, grantsCovering } from '@gongzhi/contracts';
import { currentActor, ForbiddenError, requireSignedIn } from '@gongzhi/platform';
import { STAFF_ROLES } from '../access/role-bindings.access';
import type { PartnerUnitDocument } from '../partners/partner-unit.schema';

/**
 * Who may handle a partner's keys: a service; street staff or a community secretary whose jurisdiction covers a
 * community the partner has an agreement with (lapsed ones too, so keys can still be revoked after an agreement
 * ends); and, where `partnerItself` allows it, the partner calling with one of its own keys.
 */
export function requireMayManageKeysOf(
  partner: PartnerUnitDocument,
  { partnerItself }: { partnerItself: boolean },
  actor: Actor = currentActor(),
): void {
  requireSignedIn(actor);
  if (actor.kind === 'service') return;
  if (actor.kind === 'partner') {
    if (partnerItself && actor.partnerUnitId === partner.id) return;
    throw new ForbiddenError(
      partnerItself ? 'A partner may handle only its own API keys' : 'Only street or community staff issue API keys',
    );
  }
  const staff = partner.agreements.some(
    (agreement) => grantsCovering(actor, { communityId: String(agreement.communityId) }, STAFF_ROLES).length > 0,
  );
  if (!staff)
    throw new ForbiddenError(
      "Only street staff or a community secretary of one of the partner's communities may manage its API keys",
    );
}
