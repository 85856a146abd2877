import { Module } from '@nestjs/common';
import { MongooseModule } from '@nestjs/mongoose';
import { MotionsModule } from './motions.module';
import { TerritoryModule } from '../organization-copy/territory.module';
import { VotingModule } from '../voting/voting.module';
import { Objection, ObjectionSchema } from './public-notice.schema';
import { ObjectionResolver, PublicNoticeResolver } from './public-notice.resolver';
import { PublicNoticeService } from './public-notice.service';

@Module({
  imports: [
    TerritoryModule,
    MotionsModule,
    VotingModule,
    MongooseModule.forFeature([{ name: Objection.name, schema: ObjectionSchema }]),
  ],
  providers: [PublicNoticeService, PublicNoticeResolver, ObjectionResolver],
  exports: [PublicNoticeService],
})
export class PublicNoticeModule {}
