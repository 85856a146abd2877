import { accessEvents, householdOwnershipChanged } from '@gongzhi/contracts';
import type { EventOfAny } from '@gongzhi/platform';
import type { AuditEntry } from './audit-entry.schema';

/**
 * The events the audit trail keeps: every access fact any subgraph or the gateway records, and changes of who owns a
 * unit (they decide who votes on owners' matters).
 */
export const AUDITED_EVENTS = [...accessEvents, householdOwnershipChanged] as const;
export type AuditedEvent = EventOfAny<(typeof AUDITED_EVENTS)[number]>;

type Subject = Pick<AuditEntry, 'subjectType' | 'subjectId' | 'summary'> &
  Partial<Pick<AuditEntry, 'residentId' | 'fields' | 'purpose' | 'actor'>>;

/** What one event says, as an entry of the trail. */
export function auditEntryOf(event: AuditedEvent): Omit<AuditEntry, 'id'> {
  const subject = subjectOf(event);
  return {
    eventId: event.id,
    at: new Date(event.occurredAt),
    kind: event.type,
    actor: event.actor,
    residentId: null,
    fields: [],
    purpose: null,
    source: event.source,
    requestId: event.requestId ?? null,
    ...subject,
  };
}

function subjectOf(event: AuditedEvent): Subject {
  switch (event.type) {
    case 'access.sensitive-record.read': {
      const { subjectType, subjectId, residentId, category, fields, purpose } = event.payload;
      return {
        subjectType,
        subjectId,
        residentId,
        fields,
        purpose,
        summary: `Read ${fields.join(', ')} of ${subjectType} ${subjectId} (${category})`,
      };
    }
    case 'access.role.granted': {
      const { bindingId, subject, role, orgUnitId, residentId } = event.payload;
      return {
        subjectType: 'RoleBinding',
        subjectId: bindingId,
        residentId,
        summary: `Granted ${role} at org unit ${orgUnitId} to ${subject}`,
      };
    }
    case 'access.role.revoked': {
      const { bindingId, subject, role, orgUnitId } = event.payload;
      return {
        subjectType: 'RoleBinding',
        subjectId: bindingId,
        summary: `Revoked ${role} at org unit ${orgUnitId} from ${subject}`,
      };
    }
    case 'partner.api-key.issued': {
      const { keyId, partnerUnitId, lastFour, scopes } = event.payload;
      return {
        subjectType: 'ApiKey',
        subjectId: keyId,
        summary: `Issued key …${lastFour} to partner unit ${partnerUnitId} with ${scopes.join(', ') || 'no scopes'}`,
      };
    }
    case 'partner.api-key.rotated': {
      const { keyId, previousKeyId, partnerUnitId, lastFour, overlapEndsAt } = event.payload;
      return {
        subjectType: 'ApiKey',
        subjectId: keyId,
        summary: `Rotated key ${previousKeyId} of partner unit ${partnerUnitId} to …${lastFour}; the old key works until ${overlapEndsAt}`,
      };
    }
    case 'partner.api-key.revoked': {
      const { keyId, partnerUnitId } = event.payload;
      return {
        subjectType: 'ApiKey',
        subjectId: keyId,
        summary: `Revoked key ${keyId} of partner unit ${partnerUnitId}`,
      };
    }
    case 'partner.api-key.used': {
      const { keyId, partnerUnitId, requests, rateLimited, firstUsedAt, lastUsedAt, gateway } = event.payload;
      return {
        subjectType: 'ApiKey',
        subjectId: keyId,
        // The gateway counted the use; the partner is who used the key.
        actor: { kind: 'partner', id: partnerUnitId, apiKeyId: keyId },
        summary: `${requests} requests (${rateLimited} refused by the rate limit) from ${firstUsedAt} to ${lastUsedAt}, counted by ${gateway}`,
      };
    }
    case 'org.resident.consent-recorded': {
      const { consentId, residentId, kind, purpose, purposes, guardianResidentId } = event.payload;
      const givenBy = guardianResidentId ? ` given by guardian ${guardianResidentId}` : '';
      const covering = purposes.length ? ` covering ${purposes.join(', ')}` : '';
      return {
        subjectType: 'Consent',
        subjectId: consentId,
        residentId,
        purpose,
        summary: `${kind} consent for ${purpose}${covering}${givenBy}`,
      };
    }
    case 'org.resident.consent-purposes-mapped': {
      const { consentId, residentId, kind, purposes, unmatched } = event.payload;
      return {
        subjectType: 'Consent',
        subjectId: consentId,
        residentId,
        summary: unmatched
          ? `${kind} consent recorded before purposes were named: its words matched none, it covers nothing until given again`
          : `${kind} consent recorded before purposes were named: mapped to ${purposes.join(', ')}`,
      };
    }
    case 'governance.rule.overridden': {
      const { rule, subjectType, subjectId, reason } = event.payload;
      return { subjectType, subjectId, summary: `Overrode ${rule} on ${subjectType} ${subjectId}: ${reason}` };
    }
    case 'org.household.ownership-changed': {
      const { householdId, owners, cause } = event.payload;
      const who = owners.map(
        (owner) => `${owner.residentId ? `resident ${owner.residentId}` : 'an owner known by name'} (${owner.share})`,
      );
      return {
        subjectType: 'Household',
        subjectId: householdId,
        summary: `Owners ${cause === 'CHANGED' ? 'changed' : 'linked to residents'}: ${who.join(', ') || 'none (the developer)'}`,
      };
    }
    case 'org.resident.consent-withdrawn': {
      const { consentId, residentId, kind } = event.payload;
      return { subjectType: 'Consent', subjectId: consentId, residentId, summary: `${kind} consent withdrawn` };
    }
  }
}
