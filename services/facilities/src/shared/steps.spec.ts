import { allowedSteps, listConnection } from '@gongzhi/platform';
import { GardenClaimStatus } from '../gardens/garden-claim.schema';
import { GARDEN_CLAIM_STEPS, gardenClaimHistory } from '../gardens/garden-claim-steps';
import { ParkingPermitStatus } from '../parking/parking-permit.schema';
import { parkingPermitHistory } from '../parking/parking-permit-steps';

const at = (time: string) => new Date(`2026-11-23T${time}:00+08:00`);

describe('state machine steps', () => {
  it('pages a short history oldest first, on from a cursor it handed out', async () => {
    const steps = ['WAITING', 'ACTIVE', 'RELEASED'].map((status, n) => ({ status, at: at(`0${n}:00`), note: null }));
    const first = listConnection(steps, { first: 2 });
    expect(first.edges.map((edge) => edge.node.status)).toEqual(['WAITING', 'ACTIVE']);
    expect(first.pageInfo).toMatchObject({ hasNextPage: true, hasPreviousPage: false });
    expect(await first.totalCount).toBe(3);
    const rest = listConnection(steps, { first: 2, after: first.pageInfo.endCursor! });
    expect(rest.edges.map((edge) => edge.node.status)).toEqual(['RELEASED']);
    expect(rest.pageInfo).toMatchObject({ hasNextPage: false, hasPreviousPage: true });
    expect(() => listConnection(steps, { first: 2, after: 'not-a-cursor' })).toThrow(
      expect.objectContaining({ code: 'PAGINATION.INVALID_CURSOR' }),
    );
  });

  it('allows the steps the table lists for a status, and none from an ended claim', () => {
    expect(allowedSteps(GARDEN_CLAIM_STEPS, GardenClaimStatus.WAITING)).toEqual(['RELEASE']);
    expect(allowedSteps(GARDEN_CLAIM_STEPS, GardenClaimStatus.ACTIVE)).toEqual(['RELEASE', 'LOG_CARE']);
    expect(allowedSteps(GARDEN_CLAIM_STEPS, GardenClaimStatus.LAPSED)).toEqual([]);
  });

  it('tells a garden claim’s history from its instants: a claim that took a free plot never waited', () => {
    const base = { requestedAt: at('09:00'), endedAt: null, endReason: null };
    expect(
      gardenClaimHistory({ ...base, status: GardenClaimStatus.ACTIVE, activeSince: at('09:00') }).map((s) => s.status),
    ).toEqual(['ACTIVE']);
    expect(
      gardenClaimHistory({
        status: GardenClaimStatus.LAPSED,
        requestedAt: at('09:00'),
        activeSince: at('10:00'),
        endedAt: at('11:00'),
        endReason: 'CARE_LAPSED',
      }),
    ).toEqual([
      { status: 'WAITING', at: at('09:00'), note: null },
      { status: 'ACTIVE', at: at('10:00'), note: null },
      { status: 'LAPSED', at: at('11:00'), note: 'CARE_LAPSED' },
    ]);
  });

  it('tells a parking permit’s history, the reason on its revocation', () => {
    expect(
      parkingPermitHistory({
        status: ParkingPermitStatus.REVOKED,
        appliedAt: at('09:00'),
        grantedAt: at('10:00'),
        revokedAt: at('11:00'),
        revokedReason: '车辆已转让',
      }).map((step) => [step.status, step.note]),
    ).toEqual([
      ['WAITING', null],
      ['ACTIVE', null],
      ['REVOKED', '车辆已转让'],
    ]);
  });
});
