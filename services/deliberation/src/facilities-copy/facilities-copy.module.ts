import { Module } from '@nestjs/common';
import { MongooseModule } from '@nestjs/mongoose';
import { FacilitiesCopyService } from './facilities-copy.service';
import { KnownLamp, KnownLampSchema } from './lamp-copy.schema';

/** What deliberation knows of facilities: its lamp register, from facilities' events. */
@Module({
  imports: [MongooseModule.forFeature([{ name: KnownLamp.name, schema: KnownLampSchema }])],
  providers: [FacilitiesCopyService],
  exports: [FacilitiesCopyService],
})
export class FacilitiesCopyModule {}
