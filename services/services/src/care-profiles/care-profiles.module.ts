import { Module } from '@nestjs/common';
import { MongooseModule } from '@nestjs/mongoose';
import { DirectoryModule } from '../organization-copy/directory.module';
import { SensitiveReadsModule } from '../sensitive-reads/sensitive-reads.module';
import { CareProfile, CareProfileSchema } from './care-profile.schema';
import { CareProfileResolver, ResidentCareProfileResolver } from './care-profiles.resolver';
import { CareProfilesService } from './care-profiles.service';

@Module({
  imports: [
    MongooseModule.forFeature([{ name: CareProfile.name, schema: CareProfileSchema }]),
    DirectoryModule,
    SensitiveReadsModule,
  ],
  providers: [CareProfilesService, CareProfileResolver, ResidentCareProfileResolver],
})
export class CareProfilesModule {}
