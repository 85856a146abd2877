import { Module } from '@nestjs/common';
import { MongooseModule } from '@nestjs/mongoose';
import { MotionsModule } from './motions.module';
import { Milestone, MilestoneSchema } from './execution.schema';
import { ExecutionResolver } from './execution.resolver';
import { ExecutionService } from './execution.service';

@Module({
  imports: [MotionsModule, MongooseModule.forFeature([{ name: Milestone.name, schema: MilestoneSchema }])],
  providers: [ExecutionService, ExecutionResolver],
})
export class ExecutionModule {}
