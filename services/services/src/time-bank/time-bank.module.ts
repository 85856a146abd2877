import { Module } from '@nestjs/common';
import { MongooseModule } from '@nestjs/mongoose';
import { DirectoryModule } from '../organization-copy/directory.module';
import { ResidentTimeBankResolver, VolunteerTimeBankResolver } from './time-bank.resolver';
import { TimeBankEntry, TimeBankEntrySchema } from './time-bank.schema';
import { TimeBankService } from './time-bank.service';

@Module({
  imports: [MongooseModule.forFeature([{ name: TimeBankEntry.name, schema: TimeBankEntrySchema }]), DirectoryModule],
  providers: [TimeBankService, ResidentTimeBankResolver, VolunteerTimeBankResolver],
  exports: [TimeBankService],
})
export class TimeBankModule {}
