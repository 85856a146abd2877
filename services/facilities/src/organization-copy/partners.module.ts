import { Module } from '@nestjs/common';
import { MongooseModule } from '@nestjs/mongoose';
import { PartnerAgreement, PartnerAgreementSchema } from './partner-agreement.schema';
import { PartnersService } from './partners.service';

@Module({
  imports: [MongooseModule.forFeature([{ name: PartnerAgreement.name, schema: PartnerAgreementSchema }])],
  providers: [PartnersService],
  exports: [PartnersService],
})
export class PartnersModule {}
