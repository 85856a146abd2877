import { Connection, Payload, StepConnection } from '@gongzhi/platform';
import { ObjectType } from '@nestjs/graphql';
import { CareOrder, CareOrderStep } from './care-order.schema';

@ObjectType({ description: 'A page of care orders.' })
export class CareOrderConnection extends Connection(CareOrder) {}

@ObjectType({ description: "A page of an order's status changes, oldest first." })
export class CareOrderStepConnection extends StepConnection(CareOrderStep) {}

const ORDER = 'The order as it is now.';

@ObjectType({ description: 'The result of placeCareOrder.' })
export class PlaceCareOrderPayload extends Payload(
  'careOrder',
  CareOrder,
  'The order placed, waiting for the provider.',
) {}

@ObjectType({ description: 'The result of acceptCareOrder.' })
export class AcceptCareOrderPayload extends Payload('careOrder', CareOrder, ORDER) {}

@ObjectType({ description: 'The result of declineCareOrder.' })
export class DeclineCareOrderPayload extends Payload('careOrder', CareOrder, ORDER) {}

@ObjectType({ description: 'The result of scheduleCareOrder.' })
export class ScheduleCareOrderPayload extends Payload('careOrder', CareOrder, ORDER) {}

@ObjectType({ description: 'The result of completeCareOrder.' })
export class CompleteCareOrderPayload extends Payload('careOrder', CareOrder, ORDER) {}

@ObjectType({ description: 'The result of rateCareOrder.' })
export class RateCareOrderPayload extends Payload('careOrder', CareOrder, ORDER) {}

@ObjectType({ description: 'The result of cancelCareOrder.' })
export class CancelCareOrderPayload extends Payload('careOrder', CareOrder, ORDER) {}
