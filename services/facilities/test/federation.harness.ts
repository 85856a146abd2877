import {
  type GatewaysInFront,
  type OrganizationProcess,
  startGatewaysInFront,
  startOrganizationProcess,
} from '@gongzhi/testing';
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

export async function startFederation(clock: ManualClock): Promise<Federation> {
  const organization = await startOrganizationProcess({ demoData: true });
  try {
    const facilities = await startFacilities(clock);
    await loadDemoData(facilities.connection, organization.connection, () => undefined);
    const gateways = await startGatewaysInFront(organization, [facilities.inFront()]);
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
