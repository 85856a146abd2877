import { Module } from '@nestjs/common';
import { MongooseModule } from '@nestjs/mongoose';
import { OrgUnit, OrgUnitSchema } from '../org-units/org-unit.schema';
import { Resident, ResidentSchema } from '../territory/territory.schema';
import { PersonAccessController } from './person-access.controller';
import { RoleBinding, RoleBindingSchema } from './role-binding.schema';
import { RoleBindingsResolver } from './role-bindings.resolver';
import { RoleBindingsService } from './role-bindings.service';

/** People's roles over org units, and the person-access answer the gateway builds its actors from. */
@Module({
  imports: [
    MongooseModule.forFeature([
      { name: RoleBinding.name, schema: RoleBindingSchema },
      { name: OrgUnit.name, schema: OrgUnitSchema },
      { name: Resident.name, schema: ResidentSchema },
    ]),
  ],
  controllers: [PersonAccessController],
  providers: [RoleBindingsService, RoleBindingsResolver],
})
export class AccessModule {}
