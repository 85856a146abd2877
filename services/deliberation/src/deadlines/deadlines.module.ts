import { Module } from '@nestjs/common';
import { MotionsModule } from '../motions/motions.module';
import { PublicNoticeModule } from '../public-notice/public-notice.module';
import { VotingModule } from '../voting/voting.module';
import { DeadlineSweep } from './deadline-sweep.service';

@Module({ imports: [MotionsModule, VotingModule, PublicNoticeModule], providers: [DeadlineSweep] })
export class DeadlinesModule {}
