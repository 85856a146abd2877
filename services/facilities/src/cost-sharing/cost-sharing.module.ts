import { Module } from '@nestjs/common';
import { MongooseModule } from '@nestjs/mongoose';
import { TerritoryModule } from '../organization-copy/territory.module';
import { CostShare, CostShareSchema } from './cost-share.schema';
import {
  CompoundCostSharesResolver,
  CostShareResolver,
  HouseholdCostShareResolver,
  HouseholdCostSharesResolver,
} from './cost-sharing.resolver';
import { CostSharingService } from './cost-sharing.service';

/** Cost sharing (费用分摊): ledgers of shared expenses, split per household or by floor area, and who has paid. */
@Module({
  imports: [MongooseModule.forFeature([{ name: CostShare.name, schema: CostShareSchema }]), TerritoryModule],
  providers: [
    CostSharingService,
    CostShareResolver,
    HouseholdCostShareResolver,
    CompoundCostSharesResolver,
    HouseholdCostSharesResolver,
  ],
  exports: [MongooseModule],
})
export class CostSharingModule {}
