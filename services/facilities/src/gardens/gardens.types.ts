import { Connection, Payload, StepTypes } from '@gongzhi/platform';
import { Field, ObjectType, registerEnumType } from '@nestjs/graphql';
import { GardenCareLog, GardenClaim, GardenClaimStatus } from './garden-claim.schema';
import { GardenClaimAction } from './garden-claim-steps';
import { GardenPlot } from './garden-plot.schema';

/** Whether a plot is free to claim. */
export enum GardenPlotStatus {
  AVAILABLE = 'AVAILABLE',
  CLAIMED = 'CLAIMED',
}
registerEnumType(GardenPlotStatus, {
  name: 'GardenPlotStatus',
  description: 'Whether a plot is free to claim.',
  valuesMap: {
    AVAILABLE: { description: 'No claim holds it: a claim takes it at once.' },
    CLAIMED: { description: 'A claim holds it: a new claim waits in line.' },
  },
});

registerEnumType(GardenClaimAction, {
  name: 'GardenClaimAction',
  description: 'A step that may be taken on a garden claim.',
  valuesMap: {
    RELEASE: { description: 'Give the claim up, or leave the waiting list: releaseGardenClaim.' },
    LOG_CARE: { description: 'Log watering, weeding… on the plot it holds: logGardenCare.' },
  },
});

@ObjectType({ description: 'A page of garden plots.' })
export class GardenPlotConnection extends Connection(GardenPlot) {}

@ObjectType({ description: 'A page of garden claims.' })
export class GardenClaimConnection extends Connection(GardenClaim) {}

@ObjectType({ description: 'A page of care logged on a plot.' })
export class GardenCareLogConnection extends Connection(GardenCareLog) {}

export const { Step: GardenClaimStep, StepConnection: GardenClaimStepConnection } = StepTypes(
  'GardenClaim',
  GardenClaimStatus,
  'a garden claim',
);

@ObjectType({ description: 'What registerGardenPlot changed.' })
export class RegisterGardenPlotPayload extends Payload('gardenPlot', GardenPlot, 'The plot registered.') {}

@ObjectType({ description: 'What claimGardenPlot changed.' })
export class ClaimGardenPlotPayload extends Payload(
  'gardenClaim',
  GardenClaim,
  'The claim made: ACTIVE when it took the plot, WAITING in line otherwise.',
) {}

@ObjectType({ description: 'What logGardenCare changed.' })
export class LogGardenCarePayload extends Payload('gardenCareLog', GardenCareLog, 'The care logged.') {
  @Field(() => GardenClaim, { description: 'The claim holding the plot, with its new lapsesAt.' })
  gardenClaim!: unknown;
}

@ObjectType({ description: 'What releaseGardenClaim changed.' })
export class ReleaseGardenClaimPayload extends Payload(
  'gardenClaim',
  GardenClaim,
  'The claim, RELEASED; the plot has passed to the next in line.',
) {}
