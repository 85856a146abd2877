import { Module } from '@nestjs/common';
import { CareReadAudit } from './care-read-audit';

@Module({ providers: [CareReadAudit], exports: [CareReadAudit] })
export class SensitiveReadsModule {}
