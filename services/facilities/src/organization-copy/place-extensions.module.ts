import { Module } from '@nestjs/common';
import { GardensModule } from '../gardens/gardens.module';
import { LightingModule } from '../lighting/lighting.module';
import { ParkingModule } from '../parking/parking.module';
import { RoomsModule } from '../rooms/rooms.module';
import {
  BuildingFacilitiesResolver,
  CommunityFacilitiesResolver,
  CompoundFacilitiesResolver,
} from './place-extensions.resolver';

/** organization's communities, compounds and buildings, extended with their lamps, rooms, lots and plots. */
@Module({
  imports: [LightingModule, RoomsModule, ParkingModule, GardensModule],
  providers: [CommunityFacilitiesResolver, CompoundFacilitiesResolver, BuildingFacilitiesResolver],
})
export class PlaceExtensionsModule {}
