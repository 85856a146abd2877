import { BoundedLabel, requestOutcome } from './index';

describe('BoundedLabel', () => {
  it('keeps the first names it sees and folds the rest into other', () => {
    const label = new BoundedLabel(2);
    expect(label.valueOf('Residents')).toBe('Residents');
    expect(label.valueOf('CastBallot')).toBe('CastBallot');
    expect(label.valueOf('ReportLampFault')).toBe('other');
    expect(label.valueOf('Residents')).toBe('Residents');
    expect(label.valueOf(undefined)).toBe('anonymous');
    expect(label.valueOf('not a graphql name')).toBe('other');
  });
});

describe('requestOutcome', () => {
  it('tells the platform failing from the caller failing', () => {
    expect(requestOutcome(200)).toBe('success');
    expect(requestOutcome(200, ['MOTION.VOTING_CLOSED'])).toBe('client_error');
    expect(requestOutcome(401)).toBe('client_error');
    expect(requestOutcome(429)).toBe('client_error');
    expect(requestOutcome(200, ['FORBIDDEN', 'SUBGRAPH_UNAVAILABLE'])).toBe('server_error');
    expect(requestOutcome(200, [undefined])).toBe('server_error');
    expect(requestOutcome(503)).toBe('server_error');
  });
});
