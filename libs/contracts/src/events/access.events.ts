import { z } from 'zod';
import { apiKeyScopeSchema } from '../access/api-keys';
import { roleSchema } from '../access/actor';
import { consentPurposeSchema } from '../care/purposes';
import { defineEvent } from './define-event';

/**
 * Facts about who may do what: role bindings, partner API keys, reads of sensitive personal data and residents'
 * consents. Organization records all but the reads (any subgraph) and key use (the gateway); organization's audit
 * trail keeps all of them for auditors.
 */

const id = z.string().min(1);
const instant = z.iso.datetime({ offset: true });

export const roleGranted = defineEvent({
  type: 'access.role.granted',
  version: 1,
  payload: z.object({ bindingId: id, subject: id, role: roleSchema, orgUnitId: id, residentId: id.nullable() }),
});

export const roleRevoked = defineEvent({
  type: 'access.role.revoked',
  version: 1,
  payload: z.object({ bindingId: id, subject: id, role: roleSchema, orgUnitId: id }),
});

export const apiKeyIssued = defineEvent({
  type: 'partner.api-key.issued',
  version: 1,
  payload: z.object({
    keyId: id,
    partnerUnitId: id,
    lastFour: z.string().length(4),
    scopes: z.array(apiKeyScopeSchema),
  }),
});

export const apiKeyRotated = defineEvent({
  type: 'partner.api-key.rotated',
  version: 1,
  payload: z.object({
    keyId: id,
    previousKeyId: id,
    partnerUnitId: id,
    lastFour: z.string().length(4),
    overlapEndsAt: instant,
  }),
});

export const apiKeyRevoked = defineEvent({
  type: 'partner.api-key.revoked',
  version: 1,
  payload: z.object({ keyId: id, partnerUnitId: id }),
});

/** Published by each gateway replica for each key it saw, once per flush interval. */
export const apiKeyUsed = defineEvent({
  type: 'partner.api-key.used',
  version: 1,
  payload: z
    .object({
      keyId: id,
      partnerUnitId: id,
      /** Requests let through in the interval. */
      requests: z.number().int().nonnegative(),
      /** Requests refused with 429 in the interval. */
      rateLimited: z.number().int().nonnegative(),
      firstUsedAt: instant,
      lastUsedAt: instant,
      /** The gateway replica that counted them. */
      gateway: id,
    })
    .refine((p) => p.firstUsedAt <= p.lastUsedAt, {
      message: 'firstUsedAt must not be after lastUsedAt',
      path: ['lastUsedAt'],
    }),
});

/**
 * Why a read is audited: health data, a child's record (PIPL art. 28), or PERSONAL_CONTACT — a resident's name,
 * address and number read by the care provider delivering their order.
 */
export const sensitiveCategorySchema = z.enum(['HEALTH', 'CHILD_UNDER_14', 'PERSONAL_CONTACT']);

/** Every read of a sensitive record, by any subgraph: who (the envelope's actor), whose record, which fields, why. */
export const sensitiveRecordRead = defineEvent({
  type: 'access.sensitive-record.read',
  version: 1,
  payload: z.object({
    subjectType: z.string().min(1),
    subjectId: id,
    /** The resident the record is about, when it is not the subject itself (an elder's care plan). */
    residentId: id.nullable(),
    category: sensitiveCategorySchema,
    fields: z.array(z.string().min(1)).min(1),
    purpose: z.string().min(1).max(200),
  }),
});

export const consentKindSchema = z.enum([
  /** The resident's separate consent to process sensitive data (health), PIPL art. 29. */
  'SENSITIVE_DATA',
  /** A parent's or guardian's consent for a child under 14, PIPL art. 31. */
  'GUARDIAN',
  /** The resident's separate consent that the care providers delivering their orders see their whole number, PIPL art. 23. */
  'SHARE_WITH_PROVIDERS',
]);

export const consentRecorded = defineEvent({
  type: 'org.resident.consent-recorded',
  version: 1,
  payload: z.object({
    consentId: id,
    residentId: id,
    kind: consentKindSchema,
    /** The consent form's own words, e.g. 居家养老助餐服务 or 托育. */
    purpose: z.string().min(1).max(200),
    /**
     * What it covers, from services' offer (its catalogue's categories and FAMILY_DOCTOR). Empty in events recorded
     * before consents named their purposes; `org.resident.consent-purposes-mapped` names them later.
     */
    purposes: z.array(consentPurposeSchema).default([]),
    /** Who gave it for a child: the guardian's resident id. */
    guardianResidentId: id.nullable(),
    givenAt: instant,
  }),
});

export const consentWithdrawn = defineEvent({
  type: 'org.resident.consent-withdrawn',
  version: 1,
  payload: z.object({ consentId: id, residentId: id, kind: consentKindSchema, withdrawnAt: instant }),
});

/**
 * A consent recorded before consents named their purposes had its words mapped to purposes, once (organization's
 * back-fill): `purposes` is what it covers from now on; `unmatched` when its words matched none, so it covers nothing
 * until the resident consents again naming them.
 */
export const consentPurposesMapped = defineEvent({
  type: 'org.resident.consent-purposes-mapped',
  version: 1,
  payload: z.object({
    consentId: id,
    residentId: id,
    kind: consentKindSchema,
    purposes: z.array(consentPurposeSchema),
    unmatched: z.boolean(),
  }),
});

/**
 * A rule of the process set aside on purpose by someone entitled to it (a notice shorter than the minimum, a meeting
 * minuted before its time, work completed with no milestone, a care visit completed before it was due): who (the
 * envelope's actor), which rule, on what, in which community, and why.
 */
export const ruleOverridden = defineEvent({
  type: 'governance.rule.overridden',
  version: 1,
  payload: z.object({
    /** The rule's code, the error it would otherwise answer, e.g. NOTICE.WINDOW_TOO_SHORT. */
    rule: z.string().min(1),
    subjectType: z.string().min(1),
    subjectId: id,
    communityId: id,
    reason: z.string().min(1).max(500),
  }),
});

export const accessEvents = [
  roleGranted,
  roleRevoked,
  apiKeyIssued,
  apiKeyRotated,
  apiKeyRevoked,
  apiKeyUsed,
  sensitiveRecordRead,
  consentRecorded,
  consentWithdrawn,
  consentPurposesMapped,
  ruleOverridden,
] as const;
