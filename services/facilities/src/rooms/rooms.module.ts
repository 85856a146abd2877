import { Module } from '@nestjs/common';
import { MongooseModule } from '@nestjs/mongoose';
import { AlliancesCopyModule } from '@gongzhi/platform';
import { TerritoryModule } from '../organization-copy/territory.module';
import { Room, RoomSchema } from './room.schema';
import { RoomBooking, RoomBookingSchema } from './room-booking.schema';
import { AllianceRoomsResolver, RoomBookingResolver, RoomResolver } from './rooms.resolver';
import { RoomsService } from './rooms.service';

/** Bookable rooms: 党群会客厅, the chess room and library of a courtyard station, activity rooms. */
@Module({
  imports: [
    MongooseModule.forFeature([
      { name: Room.name, schema: RoomSchema },
      { name: RoomBooking.name, schema: RoomBookingSchema },
    ]),
    TerritoryModule,
    AlliancesCopyModule,
  ],
  providers: [RoomsService, RoomResolver, RoomBookingResolver, AllianceRoomsResolver],
  exports: [RoomsService, MongooseModule],
})
export class RoomsModule {}
