import { z } from 'zod';

/**
 * Who is calling, as the gateway verified it and as every subgraph receives it inside the internal token.
 * Subgraphs decide access from this alone: they never see the caller's own token or API key.
 */

/** The roles people hold, each bound to one org unit; `PARTNER` is the role of a partner unit's API key. */
export const ROLES = [
  'STREET_STAFF',
  'COMMUNITY_SECRETARY',
  'COMPOUND_BRANCH_SECRETARY',
  'BUILDING_GROUP_LEADER',
  'GRID_WORKER',
  'OWNERS_COMMITTEE_MEMBER',
  'RESIDENT',
  'PARTNER',
  /** Reads the access-audit trail of the territory under its unit (a street's personal-information officer). */
  'AUDITOR',
] as const;
export const roleSchema = z.enum(ROLES);
export type Role = z.infer<typeof roleSchema>;

const id = z.string().min(1);

/**
 * The territory a role may see: an org unit's subtree, resolved to the highest places it covers. An entity lies inside
 * when its community, compound or building is listed. Entities carry the ids of every place above them, so the lists
 * stay short: a community secretary's is one community id, a street's a handful.
 */
export const jurisdictionSchema = z.object({
  communityIds: z.array(id),
  compoundIds: z.array(id),
  buildingIds: z.array(id),
});
export type Jurisdiction = z.infer<typeof jurisdictionSchema>;

/** Where an entity sits in the territory; the levels below the community are optional (a lamp on a community road). */
export interface Place {
  communityId: string;
  compoundId?: string | null;
  buildingId?: string | null;
}

export const roleGrantSchema = z.object({
  role: roleSchema,
  /** The org unit the role is bound to; absent for PARTNER, whose jurisdiction is its agreements' communities. */
  orgUnitId: id.optional(),
  jurisdiction: jurisdictionSchema,
});
export type RoleGrant = z.infer<typeof roleGrantSchema>;

export const ACTOR_KINDS = ['anonymous', 'person', 'partner', 'service'] as const;

export const actorSchema = z.object({
  kind: z.enum(ACTOR_KINDS),
  /** person: the identity provider's subject; partner: the partner unit id; service: the service name; anonymous: "anonymous". */
  id: id,
  name: z.string().optional(),
  roles: z.array(roleGrantSchema),
  /** What a partner's key may do (`services:orders:accept`); people act through their roles and have none. */
  scopes: z.array(z.string()),
  /** A person registered as a resident: they see themself and their household. */
  residentId: id.optional(),
  householdId: id.optional(),
  /** A partner: its unit and the key it called with (for the audit trail; never the secret). */
  partnerUnitId: id.optional(),
  apiKeyId: id.optional(),
});
export type Actor = z.infer<typeof actorSchema>;

export const ANONYMOUS: Actor = Object.freeze({ kind: 'anonymous', id: 'anonymous', roles: [], scopes: [] });

/** True when the jurisdiction contains the place (at its community, compound or building). */
export function jurisdictionCovers(jurisdiction: Jurisdiction, place: Place): boolean {
  return (
    jurisdiction.communityIds.includes(place.communityId) ||
    (place.compoundId != null && jurisdiction.compoundIds.includes(place.compoundId)) ||
    (place.buildingId != null && jurisdiction.buildingIds.includes(place.buildingId))
  );
}

/** The actor's grants of these roles whose jurisdiction contains the place. */
export function grantsCovering(actor: Actor, place: Place, roles: readonly Role[] = ROLES): RoleGrant[] {
  return actor.roles.filter((grant) => roles.includes(grant.role) && jurisdictionCovers(grant.jurisdiction, place));
}
