import { Module } from '@nestjs/common';
import { MongooseModule } from '@nestjs/mongoose';
import { MotionsModule } from '../motions/motions.module';
import { TerritoryModule } from '../organization-copy/territory.module';
import { Council, CouncilSchema, Meeting, MeetingSchema } from './council.schema';
import {
  AgendaItemResolver,
  CommunityCouncilsResolver,
  CompoundCouncilsResolver,
  CouncilsResolver,
  MeetingsResolver,
  MotionMeetingsResolver,
  OrgUnitCouncilsResolver,
  SeatResolver,
} from './councils.resolver';
import { CouncilsService } from './councils.service';

@Module({
  imports: [
    TerritoryModule,
    MotionsModule,
    MongooseModule.forFeature([
      { name: Council.name, schema: CouncilSchema },
      { name: Meeting.name, schema: MeetingSchema },
    ]),
  ],
  providers: [
    CouncilsService,
    CouncilsResolver,
    SeatResolver,
    MeetingsResolver,
    AgendaItemResolver,
    MotionMeetingsResolver,
    CommunityCouncilsResolver,
    CompoundCouncilsResolver,
    OrgUnitCouncilsResolver,
  ],
})
export class CouncilsModule {}
