import { apiKeyIssued, apiKeyUsed, roleGranted } from '@gongzhi/contracts';
import { auditEntryOf } from './audit-entry.mapping';

const envelope = {
  id: 'e5b6a4de-4f8a-4c59-9d7e-3f1c2b0a9e11',
  version: 1,
  occurredAt: '2026-11-21T09:30:00.000Z',
  requestId: 'req-1',
};

describe('the audit entry of an access event', () => {
  it('names who was granted which role where, and the resident it is', () => {
    const event = roleGranted.parseEnvelope({
      ...envelope,
      type: roleGranted.type,
      source: 'organization',
      actor: { kind: 'person', id: 'idp|xietang-admin' },
      payload: {
        bindingId: 'rb-1',
        subject: 'idp|zhang-wei',
        role: 'BUILDING_GROUP_LEADER',
        orgUnitId: 'u-3幢楼道党小组',
        residentId: 'r-张伟',
      },
    });
    expect(auditEntryOf(event)).toEqual({
      eventId: envelope.id,
      at: new Date(envelope.occurredAt),
      kind: 'access.role.granted',
      actor: { kind: 'person', id: 'idp|xietang-admin' },
      subjectType: 'RoleBinding',
      subjectId: 'rb-1',
      residentId: 'r-张伟',
      fields: [],
      purpose: null,
      source: 'organization',
      requestId: 'req-1',
      summary: 'Granted BUILDING_GROUP_LEADER at org unit u-3幢楼道党小组 to idp|zhang-wei',
    });
  });

  it('keeps an issued key by its last four characters only', () => {
    const event = apiKeyIssued.parseEnvelope({
      ...envelope,
      type: apiKeyIssued.type,
      source: 'organization',
      payload: {
        keyId: 'k-1',
        partnerUnitId: 'pu-中海物业',
        lastFour: 'x9Qz',
        scopes: ['organization:households:read'],
      },
    });
    expect(auditEntryOf(event)).toMatchObject({
      subjectType: 'ApiKey',
      subjectId: 'k-1',
      summary: 'Issued key …x9Qz to partner unit pu-中海物业 with organization:households:read',
    });
  });

  it("records a key's use as the partner's act, counted by a gateway replica", () => {
    const event = apiKeyUsed.parseEnvelope({
      ...envelope,
      type: apiKeyUsed.type,
      source: 'gateway',
      actor: { kind: 'service', id: 'gateway' },
      payload: {
        keyId: 'k-1',
        partnerUnitId: 'pu-中海物业',
        requests: 120,
        rateLimited: 3,
        firstUsedAt: '2026-11-21T09:29:00.000Z',
        lastUsedAt: '2026-11-21T09:30:00.000Z',
        gateway: 'gw-a',
      },
    });
    expect(auditEntryOf(event)).toMatchObject({
      actor: { kind: 'partner', id: 'pu-中海物业', apiKeyId: 'k-1' },
      source: 'gateway',
      summary:
        '120 requests (3 refused by the rate limit) from 2026-11-21T09:29:00.000Z to 2026-11-21T09:30:00.000Z, counted by gw-a',
    });
  });
});
