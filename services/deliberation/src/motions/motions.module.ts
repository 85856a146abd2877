import { Module } from '@nestjs/common';
import { MongooseModule } from '@nestjs/mongoose';
import { FacilitiesCopyModule } from '../facilities-copy/facilities-copy.module';
import { TerritoryModule } from '../organization-copy/territory.module';
import { Motion, MotionComment, MotionCommentSchema, MotionSchema } from './motion.schema';
import { CommunityMotionsResolver, CompoundMotionsResolver, MotionsResolver } from './motions.resolver';
import { MotionsService } from './motions.service';

@Module({
  imports: [
    TerritoryModule,
    FacilitiesCopyModule,
    MongooseModule.forFeature([
      { name: Motion.name, schema: MotionSchema },
      { name: MotionComment.name, schema: MotionCommentSchema },
    ]),
  ],
  providers: [MotionsService, MotionsResolver, CommunityMotionsResolver, CompoundMotionsResolver],
  exports: [MotionsService],
})
export class MotionsModule {}
