import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import { type ClientSession, type Model, Types } from 'mongoose';
import { resolveJurisdiction } from '../access/jurisdiction';
import { OrgUnit } from '../org-units/org-unit.schema';
import { PartnerUnit } from '../partners/partner-unit.schema';
import { Building, Compound, Resident } from '../territory/territory.schema';
import type { AuditedEvent } from './audit-entry.mapping';
import type { AuditEntry } from './audit-entry.schema';

/** What an audited fact is about, as far as where it happened goes: a resident, an org unit or a partner unit. */
export type AuditedThing =
  { residentId: string } | { orgUnitId: string } | { partnerUnitId: string } | { communityId: string } | null;

export function auditedThingOf(event: AuditedEvent): AuditedThing {
  switch (event.type) {
    case 'access.sensitive-record.read': {
      const { residentId, subjectType, subjectId } = event.payload;
      const resident = residentId ?? (subjectType === 'Resident' ? subjectId : null);
      return resident ? { residentId: resident } : null;
    }
    case 'org.resident.consent-recorded':
    case 'org.resident.consent-withdrawn':
    case 'org.resident.consent-purposes-mapped':
      return { residentId: event.payload.residentId };
    case 'access.role.granted':
    case 'access.role.revoked':
      return { orgUnitId: event.payload.orgUnitId };
    case 'org.household.ownership-changed':
      return { communityId: event.payload.communityId };
    case 'partner.api-key.issued':
    case 'partner.api-key.rotated':
    case 'partner.api-key.revoked':
    case 'partner.api-key.used':
      return { partnerUnitId: event.payload.partnerUnitId };
    case 'governance.rule.overridden':
      return { communityId: event.payload.communityId };
  }
}

/**
 * The same, for an entry kept before entries were placed (the back-fill at start): the entry keeps the resident; a
 * role binding's unit and a key's partner unit are in the summary the mapping wrote (a revoked binding is gone).
 */
export function auditedThingOfEntry(
  entry: Pick<AuditEntry, 'subjectType' | 'subjectId' | 'residentId' | 'summary' | 'actor'>,
): AuditedThing {
  if (entry.subjectType === 'RoleBinding') {
    const orgUnitId = / at org unit (\S+?)(?=\s|$)/.exec(entry.summary)?.[1];
    return orgUnitId ? { orgUnitId } : null;
  }
  if (entry.subjectType === 'ApiKey') {
    const partnerUnitId =
      entry.actor?.kind === 'partner' ? entry.actor.id : /partner unit (\S+?)(?=[;\s]|$)/.exec(entry.summary)?.[1];
    return partnerUnitId ? { partnerUnitId } : null;
  }
  const residentId = entry.residentId ?? (entry.subjectType === 'Resident' ? entry.subjectId : null);
  return residentId ? { residentId } : null;
}

const objectId = (id: string) => (Types.ObjectId.isValid(id) ? new Types.ObjectId(id) : null);

/**
 * The communities an entry of the audit trail belongs to, so that an auditor reads the trail of the territory they
 * are bound over and nothing else: a resident's community; the communities an org unit's subtree covers (a compound
 * or building unit: the community it lies in); the communities a partner unit has co-building agreements with. A
 * fact that cannot be placed (a record gone, an id organization never issued) belongs to no community: only ops
 * tooling (a service) reads it.
 */
@Injectable()
export class AuditPlaces {
  constructor(
    @InjectModel(Resident.name) private readonly residents: Model<Resident>,
    @InjectModel(OrgUnit.name) private readonly units: Model<OrgUnit>,
    @InjectModel(PartnerUnit.name) private readonly partners: Model<PartnerUnit>,
    @InjectModel(Compound.name) private readonly compounds: Model<Compound>,
    @InjectModel(Building.name) private readonly buildings: Model<Building>,
  ) {}

  async communityIdsOf(thing: AuditedThing, session?: ClientSession): Promise<string[]> {
    if (!thing) return [];
    if ('communityId' in thing) return [thing.communityId];
    if ('residentId' in thing) {
      const id = objectId(thing.residentId);
      const resident =
        id &&
        (await this.residents
          .findById(id, { communityId: 1 })
          .session(session ?? null)
          .lean());
      return resident ? [String(resident.communityId)] : [];
    }
    if ('partnerUnitId' in thing) {
      const id = objectId(thing.partnerUnitId);
      const partner =
        id &&
        (await this.partners
          .findById(id, { 'agreements.communityId': 1 })
          .session(session ?? null)
          .lean());
      return unique((partner?.agreements ?? []).map((agreement) => String(agreement.communityId)));
    }
    if (!objectId(thing.orgUnitId)) return [];
    const jurisdiction = (await resolveJurisdiction(this.units, [thing.orgUnitId])).get(thing.orgUnitId)!;
    const [compounds, buildings] = await Promise.all([
      this.compounds
        .find({ _id: { $in: jurisdiction.compoundIds } }, { communityId: 1 })
        .session(session ?? null)
        .lean(),
      this.buildings
        .find({ _id: { $in: jurisdiction.buildingIds } }, { communityId: 1 })
        .session(session ?? null)
        .lean(),
    ]);
    return unique([
      ...jurisdiction.communityIds,
      ...[...compounds, ...buildings].map((place) => String(place.communityId)),
    ]);
  }
}

const unique = (ids: string[]) => [...new Set(ids)];
