import { Module } from '@nestjs/common';
import { MongooseModule } from '@nestjs/mongoose';
import { AlliancesCopy } from './alliances-copy.service';
import { KnownAlliance, KnownAllianceSchema } from './known-alliance.schema';

/** Import where rooms or activities are shared with alliances; it registers the `organization-alliances` consumer. */
@Module({
  imports: [MongooseModule.forFeature([{ name: KnownAlliance.name, schema: KnownAllianceSchema }])],
  providers: [AlliancesCopy],
  exports: [AlliancesCopy],
})
export class AlliancesCopyModule {}
