import { Module } from '@nestjs/common';
import { MongooseModule } from '@nestjs/mongoose';
import { TerritoryModule } from '../territory/territory.module';
import { CommunityProfileType, CommunityProfileTypeSchema } from './profile-type.schema';
import { CommunityProfileResolver, CommunityProfileTypesResolver } from './profiles.resolver';
import { ProfilesService } from './profiles.service';

@Module({
  imports: [
    MongooseModule.forFeature([{ name: CommunityProfileType.name, schema: CommunityProfileTypeSchema }]),
    TerritoryModule,
  ],
  providers: [ProfilesService, CommunityProfileTypesResolver, CommunityProfileResolver],
})
export class ProfilesModule {}
