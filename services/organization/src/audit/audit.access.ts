import type { Actor } from '@gongzhi/contracts';
import { currentActor, holdsRole, isTrustedService } from '@gongzhi/platform';

/** The audit trail is for auditors (a street's personal-information officer: its communities' entries only, see AuditTrailService.list) and ops tooling, no one else. */
export function mayReadAuditTrail(actor: Actor = currentActor()): boolean {
  return isTrustedService(actor) || holdsRole(['AUDITOR'], actor);
}
