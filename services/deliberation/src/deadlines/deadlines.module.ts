import { Module } from '@nestjs/common';
import { MotionsModule } from '../motions/motions.module';
import { PublicNoticeModule } from '../motions/public-notice.module';
import { VotingModule } from '../voting/voting.module';
import { DeadlineSweep } from './deadline-sweep.service';

@Module({ imports: [MotionsModule, VotingModule, PublicNoticeModule], providers: [DeadlineSweep] })
export class DeadlinesModule {}
