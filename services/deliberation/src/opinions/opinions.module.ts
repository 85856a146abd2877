import { Module } from '@nestjs/common';
import { MongooseModule } from '@nestjs/mongoose';
import { MotionsModule } from '../motions/motions.module';
import { TerritoryModule } from '../organization-copy/territory.module';
import { Opinion, OpinionSchema } from './opinion.schema';
import { OpinionsResolver } from './opinions.resolver';
import { OpinionsService } from './opinions.service';

@Module({
  imports: [TerritoryModule, MotionsModule, MongooseModule.forFeature([{ name: Opinion.name, schema: OpinionSchema }])],
  providers: [OpinionsService, OpinionsResolver],
})
export class OpinionsModule {}
