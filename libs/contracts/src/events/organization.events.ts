import { z } from 'zod';
import { defineEvent } from './define-event';

/**
 * Facts the organization subgraph records: the five-tier tree (街道大工委 → 邻里大党委 → 社区党委 → 小区党支部 →
 * 楼道党小组), the territory it covers, residents, grid cells and co-building partners.
 */

const id = z.string().min(1);

/**
 * The tier of a unit, 1 (street working committee) to 5 (building party group). Numbers, not names: the names are
 * data in organization (a tree may call its tiers 区-街-社-院-楼 instead).
 */
export const orgUnitTierSchema = z.number().int().min(1).max(5);

/** 共建单位 kinds as the field notes list them. */
export const partnerUnitKindSchema = z.enum([
  'ENTERPRISE',
  'UNIVERSITY',
  'INSTITUTE',
  'SCHOOL',
  'HOSPITAL',
  'SOCIAL_ORGANISATION',
  'PROPERTY_COMPANY',
]);
export type PartnerUnitKind = z.infer<typeof partnerUnitKindSchema>;

export const orgUnitCreated = defineEvent({
  type: 'org.unit.created',
  version: 1,
  payload: z.object({ unitId: id, tier: orgUnitTierSchema, name: z.string().min(1), parentId: id.nullable() }),
});

export const orgUnitMoved = defineEvent({
  type: 'org.unit.moved',
  version: 1,
  payload: z.object({
    unitId: id,
    fromParentId: id,
    toParentId: id,
    /** How many units below it moved along, so consumers with copies of the tree know the size of the change. */
    movedDescendantCount: z.number().int().nonnegative(),
  }),
});

export const orgUnitRenamed = defineEvent({
  type: 'org.unit.renamed',
  version: 1,
  payload: z.object({ unitId: id, previousName: z.string().min(1), name: z.string().min(1) }),
});

/** A resident's age as a band rather than a birth date: enough for care and for PIPL's under-14 rule, less to leak. */
export const ageBandSchema = z.enum([
  'UNDER_6',
  'AGE_6_TO_13',
  'AGE_14_TO_17',
  'AGE_18_TO_59',
  'AGE_60_TO_79',
  'AGE_80_PLUS',
]);

/**
 * What the GraphQL enum AgeBand says of itself and its values, in one place: organization and services both register
 * the enum, and the supergraph merges them only when their descriptions agree.
 */
export const ageBandDescriptions: {
  description: string;
  valuesMap: Record<z.infer<typeof ageBandSchema>, { description: string }>;
} = {
  description: 'An age band rather than a birth date: enough for care, less to leak.',
  valuesMap: {
    UNDER_6: { description: 'Under 6 years old.' },
    AGE_6_TO_13: { description: '6 to 13 years old.' },
    AGE_14_TO_17: { description: '14 to 17 years old.' },
    AGE_18_TO_59: { description: '18 to 59 years old.' },
    AGE_60_TO_79: { description: '60 to 79 years old.' },
    AGE_80_PLUS: { description: '80 years old or over.' },
  },
};

/** Where a resident lives, down the territory: community → compound → building → household. */
const residenceSchema = z.object({ residentId: id, householdId: id, buildingId: id, compoundId: id, communityId: id });

/** How a resident stands to their household: the owner on the property register, family, or a tenant. */
export const residentRelationSchema = z.enum(['OWNER', 'FAMILY', 'TENANT']);

export const residentMovedIn = defineEvent({
  type: 'org.resident.moved-in',
  version: 1,
  payload: residenceSchema.extend({
    /** Optional (absent from events recorded before it was added): owners vote on owners' matters (Civil Code art. 278). */
    relation: residentRelationSchema.optional(),
    /** 18 or over when moving in; residents' votes count adults. Optional, like relation. */
    adult: z.boolean().optional(),
    /** Optional too: care eligibility and consents (services) follow the age band. */
    ageBand: ageBandSchema.optional(),
  }),
});

export const residentMovedOut = defineEvent({ type: 'org.resident.moved-out', version: 1, payload: residenceSchema });

/**
 * A resident's age band changed: a birthday crossed a band's boundary (6, 14, 18, 60 or 80), found by organization's
 * age-band sweep for residents registered with a birth date. Services follows care eligibility and the under-14 rule;
 * deliberation adds a resident turning 18 to residents' rolls not yet opened.
 */
export const residentAgeBandChanged = defineEvent({
  type: 'org.resident.age-band-changed',
  version: 1,
  payload: residenceSchema.extend({
    from: ageBandSchema,
    to: ageBandSchema,
    /** 18 or over from now on. */
    adult: z.boolean(),
    changedAt: z.iso.datetime({ offset: true }),
  }),
});

/** An owner on the property register: the resident they are, when organization knows it, and their share of the unit. */
const registeredOwnerSchema = z.object({ residentId: id.nullable(), share: z.number().min(0).max(1) });

export const householdRegistered = defineEvent({
  type: 'org.household.registered',
  version: 1,
  payload: z.object({
    householdId: id,
    buildingId: id,
    compoundId: id,
    communityId: id,
    /** The door inside the building, e.g. 502室. */
    roomNumber: z.string().min(1),
    /**
     * Exclusive floor area in m² per the property register, and the owners with their shares: what owners' votes
     * count (Civil Code art. 278). Optional: absent from events recorded before they were added.
     */
    floorArea: z.number().positive().optional(),
    owners: z.array(registeredOwnerSchema).optional(),
  }),
});

/**
 * A unit's owners changed on the register: a sale or inheritance (changeHouseholdOwners), an owner moving in and
 * being linked to the register's name, or a name-only owner linked to their resident record by the start-up
 * back-fill. `owners` is the whole new list, which replaces the old one: owners' rolls (deliberation) follow it until
 * a vote opens. Names stay in organization (personal data); the roll needs only who and how much.
 */
export const householdOwnershipChanged = defineEvent({
  type: 'org.household.ownership-changed',
  version: 1,
  payload: z.object({
    householdId: id,
    buildingId: id,
    compoundId: id,
    communityId: id,
    owners: z.array(registeredOwnerSchema),
    /** What changed them: the mutation, a move-in as owner, or the back-fill linking owners known by name only. */
    cause: z.enum(['CHANGED', 'OWNER_MOVED_IN', 'LINKED']),
  }),
});

export const gridCellCreated = defineEvent({
  type: 'org.grid-cell.created',
  version: 1,
  payload: z.object({ gridCellId: id, communityId: id, name: z.string().min(1) }),
});

export const partnerUnitRegistered = defineEvent({
  type: 'org.partner-unit.registered',
  version: 1,
  payload: z.object({ partnerUnitId: id, kind: partnerUnitKindSchema, name: z.string().min(1) }),
});

export const partnerAgreementSigned = defineEvent({
  type: 'org.partner-agreement.signed',
  version: 1,
  payload: z
    .object({ agreementId: id, partnerUnitId: id, communityId: id, validFrom: z.iso.date(), validUntil: z.iso.date() })
    .refine((agreement) => agreement.validFrom <= agreement.validUntil, {
      message: 'validUntil must not be before validFrom',
      path: ['validUntil'],
    }),
});

export const communityRegistered = defineEvent({
  type: 'org.community.registered',
  version: 1,
  payload: z.object({ communityId: id, name: z.string().min(1), street: z.string().min(1) }),
});

export const compoundRegistered = defineEvent({
  type: 'org.compound.registered',
  version: 1,
  payload: z.object({
    compoundId: id,
    communityId: id,
    name: z.string().min(1),
    /** False where owners run it through a self-management committee: councils are formed differently there. */
    hasPropertyCompany: z.boolean(),
  }),
});

export const buildingRegistered = defineEvent({
  type: 'org.building.registered',
  version: 1,
  payload: z.object({ buildingId: id, compoundId: id, communityId: id, name: z.string().min(1) }),
});

/** One of the six roles of a grid cell (一格六员) changed hands. */
export const gridRoleAssigned = defineEvent({
  type: 'org.grid-role.assigned',
  version: 1,
  payload: z.object({
    gridCellId: id,
    role: z.string().min(1),
    holderName: z.string().min(1),
    residentId: id.nullable(),
  }),
});

/**
 * A community alliance (社区联盟, e.g. 大龙景社区联盟): neighbouring communities under one street sharing rooms and
 * activities. Formed and changed events both carry the whole membership and a revision that grows by one with each
 * change, so a consumer keeps the highest revision it has seen and never needs the events in order.
 */
const allianceState = {
  allianceId: id,
  name: z.string().min(1),
  /** The street unit (街道大工委 or a unit of tier 2) leading it. */
  leadingUnitId: id,
  communityIds: z.array(id).min(2),
  revision: z.number().int().positive(),
};

export const allianceFormed = defineEvent({
  type: 'org.alliance.formed',
  version: 1,
  payload: z.object(allianceState),
});

export const allianceChanged = defineEvent({
  type: 'org.alliance.changed',
  version: 1,
  payload: z.object(allianceState),
});

/**
 * The alliance is dissolved (by the staff of its leading street): nothing is shared with it any more. It carries the
 * members it had and the next revision, so a copy that keeps the highest revision ends with no members whatever the
 * order its events arrive in; rooms and care sessions shared with it stop being shared, bookings already made stand.
 */
export const allianceDissolved = defineEvent({
  type: 'org.alliance.dissolved',
  version: 1,
  payload: z.object({ ...allianceState, dissolvedAt: z.iso.datetime({ offset: true }) }),
});

/** Why a room or care session stopped being shared with an alliance: its managers withdrew it, or the alliance ended. */
export const allianceSharingEndCause = z.enum(['WITHDRAWN', 'ALLIANCE_DISSOLVED']);

/** An item put on one of a community's three lists (三份清单): a responsibility, a need, a partner's resource. */
export const communityListItemAdded = defineEvent({
  type: 'org.community-list.item-added',
  version: 1,
  payload: z.object({
    itemId: id,
    communityId: id,
    list: z.enum(['RESPONSIBILITY', 'NEED', 'RESOURCE']),
    /** RESOURCE: the partner unit offering it (亮资源); null otherwise. */
    partnerUnitId: id.nullable(),
  }),
});

/** What every step of a co-building project (设项目) says: which project, where, with whom, and where it stands now. */
const coBuildingProjectStepSchema = z.object({
  projectId: id,
  communityId: id,
  partnerUnitId: id,
  needId: id,
  resourceIds: z.array(id).min(1),
  status: z.enum(['PROPOSED', 'APPROVED', 'IN_PROGRESS', 'COMPLETED', 'CANCELLED']),
});
const projectStep = <T extends string>(type: T) =>
  defineEvent({ type, version: 1, payload: coBuildingProjectStepSchema });

export const coBuildingProjectSetUp = projectStep('org.project.set-up');
export const coBuildingProjectApproved = projectStep('org.project.approved');
export const coBuildingProjectStarted = projectStep('org.project.started');
export const coBuildingProjectCompleted = projectStep('org.project.completed');
/** Given up; the reason stays in organization (it is what people typed). */
export const coBuildingProjectCancelled = projectStep('org.project.cancelled');

/** Every organization contract, for consumers that subscribe to all of them and for documentation. */
export const organizationEvents = [
  orgUnitCreated,
  orgUnitMoved,
  orgUnitRenamed,
  residentMovedIn,
  residentMovedOut,
  residentAgeBandChanged,
  communityRegistered,
  compoundRegistered,
  buildingRegistered,
  householdRegistered,
  householdOwnershipChanged,
  gridCellCreated,
  gridRoleAssigned,
  partnerUnitRegistered,
  partnerAgreementSigned,
  allianceFormed,
  allianceChanged,
  allianceDissolved,
  communityListItemAdded,
  coBuildingProjectSetUp,
  coBuildingProjectApproved,
  coBuildingProjectStarted,
  coBuildingProjectCompleted,
  coBuildingProjectCancelled,
] as const;
