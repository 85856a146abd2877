import { Module } from '@nestjs/common';
import { MongooseModule } from '@nestjs/mongoose';
import { MotionsModule } from './motions.module';
import { TerritoryModule } from '../organization-copy/territory.module';
import { Rating, RatingSchema } from './evaluation.schema';
import { EvaluationResolver } from './evaluation.resolver';
import { EvaluationService } from './evaluation.service';

@Module({
  imports: [TerritoryModule, MotionsModule, MongooseModule.forFeature([{ name: Rating.name, schema: RatingSchema }])],
  providers: [EvaluationService, EvaluationResolver],
})
export class EvaluationModule {}
