import { Module } from '@nestjs/common';
import { MongooseModule } from '@nestjs/mongoose';
import { AlliancesCopyModule } from '@gongzhi/platform';
import { CatalogueModule } from '../catalogue/catalogue.module';
import { DirectoryModule } from '../organization-copy/directory.module';
import { ProvidersModule } from '../providers/providers.module';
import { SensitiveReadsModule } from '../sensitive-reads/sensitive-reads.module';
import { CareSession, CareSessionSchema, SessionBooking, SessionBookingSchema } from './care-session.schema';
import {
  AllianceSessionsResolver,
  CareItemSessionsResolver,
  CareSessionResolver,
  ResidentSessionBookingsResolver,
  SessionBookingResolver,
} from './sessions.resolver';
import { SessionsService } from './sessions.service';

@Module({
  imports: [
    MongooseModule.forFeature([
      { name: CareSession.name, schema: CareSessionSchema },
      { name: SessionBooking.name, schema: SessionBookingSchema },
    ]),
    DirectoryModule,
    CatalogueModule,
    ProvidersModule,
    SensitiveReadsModule,
    AlliancesCopyModule,
  ],
  providers: [
    SessionsService,
    CareSessionResolver,
    SessionBookingResolver,
    CareItemSessionsResolver,
    ResidentSessionBookingsResolver,
    AllianceSessionsResolver,
  ],
})
export class SessionsModule {}
