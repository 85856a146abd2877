import { randomUUID } from 'node:crypto';
import { defineEvent } from './define-event';
import { deadLetterStreamName, deadLetterSubject, eventSubject, eventsStreamName } from './event-naming';
import { orgUnitCreated, partnerAgreementSigned, residentMovedIn } from './organization.events';
import { z } from 'zod';

const envelope = (overrides: Record<string, unknown> = {}) => ({
  id: randomUUID(),
  type: 'org.unit.created',
  version: 1,
  occurredAt: new Date().toISOString(),
  source: 'organization',
  requestId: 'req-1',
  payload: { unitId: 'u-楼道党小组-1', tier: 5, name: '松源社区 3幢楼道党小组', parentId: 'u-松源社区' },
  ...overrides,
});

describe('defineEvent', () => {
  it('accepts a well-formed envelope and types its payload', () => {
    const event = orgUnitCreated.parseEnvelope(envelope());
    const tier: number = event.payload.tier;
    expect(tier).toBe(5);
    expect(event.payload.parentId).toBe('u-松源社区');
  });

  it('rejects a payload that breaks the contract', () => {
    expect(() =>
      orgUnitCreated.parseEnvelope(envelope({ payload: { unitId: 'u1', tier: 9, name: 'x', parentId: null } })),
    ).toThrow(/tier/);
    expect(() => residentMovedIn.payload.parse({ residentId: 'r1', householdId: 'h-502' })).toThrow(/buildingId/);
  });

  it('rejects an envelope of another type, another version, or without a uuid v4 id', () => {
    expect(() => orgUnitCreated.parseEnvelope(envelope({ type: 'org.unit.moved' }))).toThrow();
    expect(() => orgUnitCreated.parseEnvelope(envelope({ version: 2 }))).toThrow();
    expect(() => orgUnitCreated.parseEnvelope(envelope({ id: 'not-a-uuid' }))).toThrow();
    expect(() => orgUnitCreated.parseEnvelope(envelope({ occurredAt: 'yesterday' }))).toThrow();
  });

  it("keeps the producing write's W3C trace context, and drops a malformed one rather than refusing the event", () => {
    const traceparent = '00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01';
    expect(orgUnitCreated.parseEnvelope(envelope({ traceparent, tracestate: 'gongzhi=1' }))).toMatchObject({
      traceparent,
      tracestate: 'gongzhi=1',
    });
    const event = orgUnitCreated.parseEnvelope(envelope({ traceparent: 'not a traceparent', tracestate: 42 }));
    expect(event.traceparent).toBeUndefined();
    expect(event.tracestate).toBeUndefined();
    expect(event.payload.name).toBe('松源社区 3幢楼道党小组');
  });

  it('checks cross-field rules such as an agreement ending after it starts', () => {
    const agreement = {
      agreementId: 'a1',
      partnerUnitId: 'p-苏州大学',
      communityId: 'c-松源社区',
      validFrom: '2025-01-01',
    };
    expect(partnerAgreementSigned.payload.safeParse({ ...agreement, validUntil: '2027-12-31' }).success).toBe(true);
    expect(partnerAgreementSigned.payload.safeParse({ ...agreement, validUntil: '2024-12-31' }).success).toBe(false);
  });

  it('refuses type names that are not dotted lowercase segments', () => {
    expect(() => defineEvent({ type: 'UnitCreated', version: 1, payload: z.object({}) })).toThrow(/dotted/);
    expect(() => defineEvent({ type: 'org.unit.created', version: 0, payload: z.object({}) })).toThrow(/version/);
  });
});

describe('event naming', () => {
  it('derives subjects and streams from the namespace', () => {
    expect(eventSubject('gongzhi', 'org.unit.moved')).toBe('gongzhi.events.org.unit.moved');
    expect(eventsStreamName('gongzhi')).toBe('GONGZHI_EVENTS');
    expect(deadLetterSubject('t_outbox_3', 'services-elder-care')).toBe('t_outbox_3.dlq.services-elder-care');
    expect(deadLetterStreamName('t_outbox_3')).toBe('T_OUTBOX_3_DLQ');
  });

  it('refuses namespaces and consumer names that would break subjects', () => {
    expect(() => eventSubject('Gong.zhi', 'org.unit.moved')).toThrow(/namespace/);
    expect(() => deadLetterSubject('gongzhi', 'search.index')).toThrow(/Consumer name/);
  });
});
