import { Module } from '@nestjs/common';
import { MongooseModule } from '@nestjs/mongoose';
import { KnownPlace, KnownPlaceSchema } from './known-place.schema';
import { TerritoryService } from './territory.service';

@Module({
  imports: [MongooseModule.forFeature([{ name: KnownPlace.name, schema: KnownPlaceSchema }])],
  providers: [TerritoryService],
  exports: [TerritoryService],
})
export class TerritoryModule {}
