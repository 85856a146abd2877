import { Module } from '@nestjs/common';
import { MongooseModule } from '@nestjs/mongoose';
import { DirectoryModule } from '../organization-copy/directory.module';
import { ProvidersModule } from '../providers/providers.module';
import { SensitiveReadsModule } from '../sensitive-reads/sensitive-reads.module';
import {
  CommunityDoctorRotasResolver,
  DoctorAppointmentResolver,
  DoctorRotaResolver,
  ResidentDoctorAppointmentsResolver,
} from './doctor-rota.resolver';
import { DoctorAppointment, DoctorAppointmentSchema, DoctorRota, DoctorRotaSchema } from './doctor-rota.schema';
import { DoctorRotaService } from './doctor-rota.service';

@Module({
  imports: [
    MongooseModule.forFeature([
      { name: DoctorRota.name, schema: DoctorRotaSchema },
      { name: DoctorAppointment.name, schema: DoctorAppointmentSchema },
    ]),
    DirectoryModule,
    ProvidersModule,
    SensitiveReadsModule,
  ],
  providers: [
    DoctorRotaService,
    DoctorRotaResolver,
    DoctorAppointmentResolver,
    CommunityDoctorRotasResolver,
    ResidentDoctorAppointmentsResolver,
  ],
})
export class DoctorRotaModule {}
