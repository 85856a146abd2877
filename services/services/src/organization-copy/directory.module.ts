import { Module } from '@nestjs/common';
import { MongooseModule } from '@nestjs/mongoose';
import {
  DirectoryPartner,
  DirectoryPartnerSchema,
  DirectoryPlace,
  DirectoryPlaceSchema,
  DirectoryResident,
  DirectoryResidentSchema,
} from './directory.schema';
import { ResidentDirectory } from './directory.service';

@Module({
  imports: [
    MongooseModule.forFeature([
      { name: DirectoryResident.name, schema: DirectoryResidentSchema },
      { name: DirectoryPlace.name, schema: DirectoryPlaceSchema },
      { name: DirectoryPartner.name, schema: DirectoryPartnerSchema },
    ]),
  ],
  providers: [ResidentDirectory],
  exports: [ResidentDirectory],
})
export class DirectoryModule {}
