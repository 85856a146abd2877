import {
  type GatewaysInFront,
  type OrganizationProcess,
  startGatewaysInFront,
  startOrganizationProcess,
  waitFor,
} from '@gongzhi/testing';
import { Types } from 'mongoose';
import { loadDemoData } from '../src/demo/load-demo-data';
import { type ManualClock, startFacilities } from './facilities.harness';

/**
 * The federation a frontend or partner meets: organization (with the demo data of the field reports and its demo
 * users) and facilities (with its demo data, on the given clock) behind two gateway replicas.
 */
export interface Federation {
  organization: OrganizationProcess;
  facilities: Awaited<ReturnType<typeof startFacilities>>;
  gateways: GatewaysInFront;
  stop(): Promise<void>;
}

/** `gatewayEnv`: variables of the gateways' own configuration, e.g. PUBLIC_BASE_URL. */
export async function startFederation(
  clock: ManualClock,
  gatewayEnv: Record<string, string> = {},
): Promise<Federation> {
  const organization = await startOrganizationProcess({ demoData: true });
  try {
    const facilities = await startFacilities(clock);
    await loadDemoData(facilities.connection, organization.connection, () => undefined);
    const gateways = await startGatewaysInFront(organization, [facilities.inFront()], gatewayEnv);
    return {
      organization,
      facilities,
      gateways,
      async stop() {
        await gateways.stop();
        await facilities.stop();
        await organization.stop();
      },
    };
  } catch (error) {
    await organization.stop();
    throw error;
  }
}

/**
 * A partner unit (共建单位) the street registers and a community signs a co-building agreement with, once facilities
 * knows of the agreement (organization's event); `issueKey` issues it a key, once both gateways accept it.
 */
export async function partnerInCommunity(
  fed: Federation,
  { name, communityId, scope }: { name: string; communityId: string; scope: string },
) {
  const post = async (query: string, variables: Record<string, unknown>, subject: string) => {
    const { body } = await fed.gateways.post(query, variables, await fed.gateways.asPerson(subject));
    expect(body.errors).toBeUndefined();
    return body.data;
  };
  const id: string = (
    await post(
      `mutation($name: String!) { registerPartnerUnit(input: { name: $name, kind: ENTERPRISE }) { partnerUnit { id } } }`,
      { name },
      'demo:street-staff',
    )
  ).registerPartnerUnit.partnerUnit.id;
  await post(
    `mutation($p: ID!, $c: ID!, $scope: String!) { signCoBuildingAgreement(input: { partnerUnitId: $p, communityId: $c, validFrom: "2026-01-01T00:00:00Z", validUntil: "2028-12-31T00:00:00Z", scope: $scope }) { partnerUnit { id } } }`,
    { p: id, c: communityId, scope },
    'demo:community-secretary',
  );
  await waitFor(
    async () =>
      (await fed.facilities.connection
        .collection('partner_agreements')
        .countDocuments({ partnerUnitId: new Types.ObjectId(id) })) === 1,
    'the agreement to reach facilities',
  );
  return {
    id,
    /** The key's secret, once both gateway replicas know it. */
    async issueKey(scopes: string[]): Promise<string> {
      const secret: string = (
        await post(
          `mutation($p: ID!, $s: [String!]!) { issueApiKey(input: { partnerUnitId: $p, scopes: $s }) { secret } }`,
          { p: id, s: scopes },
          'demo:community-secretary',
        )
      ).issueApiKey.secret;
      for (const replica of [0, 1]) {
        await waitFor(
          async () =>
            (await fed.gateways.post('{ __typename }', {}, fed.gateways.asPartner(secret), replica)).status === 200,
          'the key to reach the gateways',
        );
      }
      return secret;
    },
  };
}
