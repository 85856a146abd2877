import { DomainError, InvalidInputError, NotFoundError } from '@gongzhi/platform';

/** The ways a grant or revocation can be refused; each code is part of the API contract. */
export const RoleBindingErrors = {
  notFound: (id: string) => new NotFoundError('RoleBinding', id),
  exists: (subject: string, role: string) =>
    new DomainError('ROLE_BINDING.ALREADY_EXISTS', `${subject} already holds ${role} over this org unit`, {
      subject,
      role,
    }),
  residentRequired: () =>
    new InvalidInputError([{ field: 'residentId', problem: 'is required for the RESIDENT role' }]),
  residentNotFound: (id: string) => new NotFoundError('Resident', id),
  tierMismatch: (role: string, tier: number, tiers: readonly number[]) =>
    new DomainError(
      'ROLE_BINDING.TIER_MISMATCH',
      `${role} is bound to an org unit of tier ${tiers.join(' or ')}, not tier ${tier}`,
      { role, tier, allowedTiers: [...tiers] },
    ),
  residentOutsideUnit: (residentId: string, orgUnitId: string) =>
    new DomainError(
      'ROLE_BINDING.RESIDENT_OUTSIDE_UNIT',
      `Resident ${residentId} does not live in the territory of org unit ${orgUnitId}`,
      {
        residentId,
        orgUnitId,
      },
    ),
};
