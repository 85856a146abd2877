import { Module } from '@nestjs/common';
import { MongooseModule } from '@nestjs/mongoose';
import { MotionsModule } from '../motions/motions.module';
import { TerritoryModule } from '../organization-copy/territory.module';
import {
  BallotBox,
  BallotBoxSchema,
  BallotParticipation,
  BallotParticipationSchema,
  RefusedBallot,
  RefusedBallotSchema,
  Vote,
  VoteSchema,
  VoterRollEntry,
  VoterRollEntrySchema,
} from './vote.schema';
import { BallotRecordResolver, MotionVotingResolver, VoteResolver, VoterResolver } from './voting.resolver';
import { VotingService } from './voting.service';

@Module({
  imports: [
    TerritoryModule,
    MotionsModule,
    MongooseModule.forFeature([
      { name: Vote.name, schema: VoteSchema },
      { name: VoterRollEntry.name, schema: VoterRollEntrySchema },
      { name: BallotParticipation.name, schema: BallotParticipationSchema },
      { name: BallotBox.name, schema: BallotBoxSchema },
      { name: RefusedBallot.name, schema: RefusedBallotSchema },
    ]),
  ],
  providers: [VotingService, MotionVotingResolver, VoteResolver, VoterResolver, BallotRecordResolver],
  exports: [VotingService],
})
export class VotingModule {}
