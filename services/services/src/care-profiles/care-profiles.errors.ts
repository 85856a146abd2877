import { DomainError } from '@gongzhi/platform';

export const CareProfileErrors = {
  kindMismatch: (kind: string, ageBand: string | null) =>
    new DomainError(
      'CARE_PROFILE.KIND_MISMATCH',
      `A ${kind.toLowerCase()} profile is not for a resident aged ${ageBand ?? 'unknown'}`,
      { kind, ageBand },
    ),
  guardianConsentRequired: (residentId: string) =>
    new DomainError(
      'CARE_PROFILE.GUARDIAN_CONSENT_REQUIRED',
      "A child under 14 has a care profile only with a guardian's consent on record (PIPL art. 31)",
      { residentId },
    ),
  healthConsentRequired: (residentId: string) =>
    new DomainError(
      'CARE_PROFILE.HEALTH_CONSENT_REQUIRED',
      'Health notes are kept only with the resident’s separate consent to sensitive data on record (PIPL art. 29)',
      { residentId },
    ),
};
