import { Module } from '@nestjs/common';
import { TerritoryModule } from '../territory/territory.module';
import { ConsentResolver, ResidentConsentsResolver } from './consent.resolver';
import { ConsentService } from './consent.service';

@Module({
  imports: [TerritoryModule],
  providers: [ConsentService, ConsentResolver, ResidentConsentsResolver],
})
export class ConsentModule {}
