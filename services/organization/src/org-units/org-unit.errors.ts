import { DomainError } from '@gongzhi/platform';

/** The ways a change to the tree can be refused; each code is part of the API contract. */
export const OrgUnitErrors = {
  notFound: (id: string) => new DomainError('ORG_UNIT.NOT_FOUND', `Org unit ${id} does not exist`, { id }),
  /** The parent named is an org unit that does not exist: the same code as any unknown org unit, naming the field. */
  parentNotFound: (parentId: string) =>
    new DomainError('ORG_UNIT.NOT_FOUND', `Parent org unit ${parentId} does not exist`, {
      id: parentId,
      field: 'parentId',
    }),
  parentRequired: (tier: number) =>
    new DomainError('ORG_UNIT.PARENT_REQUIRED', `A tier ${tier} unit needs a parent one tier above it`, { tier }),
  topTierHasNoParent: () =>
    new DomainError('ORG_UNIT.TOP_TIER_HAS_NO_PARENT', 'A tier 1 unit is the top of its tree and has no parent'),
  tierMismatch: (tier: number, parentTier: number) =>
    new DomainError(
      'ORG_UNIT.TIER_MISMATCH',
      `A tier ${tier} unit must sit exactly one tier below its parent, which is tier ${parentTier}`,
      { tier, parentTier, expectedParentTier: tier - 1 },
    ),
  cycle: (id: string, parentId: string) =>
    new DomainError('ORG_UNIT.CYCLE', `Org unit ${id} cannot move under itself or its own descendant ${parentId}`, {
      id,
      parentId,
    }),
  duplicateName: (name: string) =>
    new DomainError('ORG_UNIT.ALREADY_EXISTS', `Another unit under the same parent is already called ${name}`, {
      name,
    }),
  unknownTierScheme: (scheme: string) =>
    new DomainError('TIER_SCHEME.NOT_FOUND', `There is no tier scheme called ${scheme}`, { tierScheme: scheme }),
  tierSchemeOfTree: (named: string, ofTree: string) =>
    new DomainError(
      'ORG_UNIT.INVALID_TIER_SCHEME',
      `This tree names its tiers by the ${ofTree} scheme, chosen at tier 1: a unit in it cannot use ${named}`,
      { tierScheme: named, treeTierScheme: ofTree },
    ),
  invalidTierNames: () =>
    new DomainError('ORG_UNIT.INVALID_TIER_NAMES', 'A tier scheme names exactly five tiers, none blank'),
};
