import { type GatewaysInFront, startGatewaysInFront } from '../../organization/test/gateway-access.harness';
import type { OrganizationUnderTest } from '../../organization/test/organization.harness';
import { loadDemoData } from '../src/demo/load-demo-data';
import { type ManualClock, startFacilities } from './facilities.harness';
import { loadOrganizationDemoData, startOrganizationProcess } from './organization-process';

/**
 * The federation a frontend or partner meets: organization (with the demo data of the field reports and its demo
 * users) and facilities (with its demo data, on the given clock) behind two gateway replicas.
 */
export interface Federation {
  organization: Awaited<ReturnType<typeof startOrganizationProcess>>;
  facilities: Awaited<ReturnType<typeof startFacilities>>;
  gateways: GatewaysInFront;
  stop(): Promise<void>;
}

export async function startFederation(clock: ManualClock): Promise<Federation> {
  const organization = await startOrganizationProcess();
  try {
    await loadOrganizationDemoData();
    const facilities = await startFacilities(clock);
    await loadDemoData(facilities.connection, organization.db, () => undefined);
    // The harness reads nothing of organization but the SDL it serves and its URL.
    const gateways = await startGatewaysInFront(organization as unknown as OrganizationUnderTest, [facilities.inFront()]);
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

