import { Connection } from '@gongzhi/platform';
import { Field, ObjectType } from '@nestjs/graphql';
import { CostShare, HouseholdCostShare } from './cost-share.schema';

@ObjectType({ description: 'A page of shared costs.' })
export class CostShareConnection extends Connection(CostShare) {}

@ObjectType({ description: 'A page of the households’ shares of a cost, in the order they were listed.' })
export class HouseholdCostShareConnection extends Connection(HouseholdCostShare) {}

@ObjectType({ description: 'What createCostShare changed.' })
export class CreateCostSharePayload {
  @Field(() => CostShare, { description: 'The new ledger, every household’s share split to the fen.' })
  costShare!: CostShare;
}

@ObjectType({ description: 'What recordCostSharePayment changed.' })
export class RecordCostSharePaymentPayload {
  @Field(() => CostShare, { description: 'The ledger with the payment recorded.' })
  costShare!: CostShare;

  @Field(() => HouseholdCostShare, { description: 'The paying household’s share after the payment.' })
  householdShare!: HouseholdCostShare;
}
