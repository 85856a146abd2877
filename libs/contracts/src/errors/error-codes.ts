/**
 * The code an unknown id answers with, per entity: `CareOrder` → `CARE_ORDER.NOT_FOUND`. In contracts so the thrower
 * (`NotFoundError` in @gongzhi/platform) and the error catalogue's source scan (infra/src/api) derive it one way.
 */
export function notFoundCode(entity: string): string {
  return `${entity.replace(/([a-z])([A-Z])/g, '$1_$2').toUpperCase()}.NOT_FOUND`;
}

/** The shape of every error code a client can act on: `FORBIDDEN`, `ORG_UNIT.TIER_MISMATCH`, `MOTION.VOTING_CLOSED`. */
export const ERROR_CODE_PATTERN = /^[A-Z][A-Z0-9_]*(\.[A-Z][A-Z0-9_]*)*$/;
