import { Module } from '@nestjs/common';
import { MongooseModule } from '@nestjs/mongoose';
import { TerritoryModule } from '../territory/territory.module';
import { PartnerUnit, PartnerUnitSchema } from './partner-unit.schema';
import { CoBuildingAgreementResolver, PartnerUnitResolver } from './partners.resolver';
import { PartnersService } from './partners.service';

@Module({
  imports: [MongooseModule.forFeature([{ name: PartnerUnit.name, schema: PartnerUnitSchema }]), TerritoryModule],
  providers: [PartnersService, PartnerUnitResolver, CoBuildingAgreementResolver],
})
export class PartnersModule {}
