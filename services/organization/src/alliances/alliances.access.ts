import type { Actor } from '@gongzhi/contracts';
import { currentActor, isTrustedService } from '@gongzhi/platform';

/**
 * Alliances are public, like partner units: residents of every member community should find them. They are formed
 * and changed by the staff of the street leading them: a STREET_STAFF role bound to the leading unit or a unit above
 * it (`path`, top first, as pathTo gives it).
 */
export function mayLeadAlliancesOf(path: readonly unknown[], actor: Actor = currentActor()): boolean {
  if (isTrustedService(actor)) return true;
  const units = new Set(path.map(String));
  return actor.roles.some(
    (grant) => grant.role === 'STREET_STAFF' && grant.orgUnitId !== undefined && units.has(grant.orgUnitId),
  );
}
