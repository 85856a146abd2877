import { type SubgraphAppOptions, SubgraphPlatformModule } from '@gongzhi/platform';
import { DynamicModule, Module } from '@nestjs/common';
import { DeliberationConfig } from './config';
import { CouncilsModule } from './councils/councils.module';
import { DELIBERATION_CONFIG } from './deliberation.tokens';
import {
  CommunityReferenceResolver,
  CompoundReferenceResolver,
  OrgUnitReferenceResolver,
} from './organization-copy/organization.resolver';
import { MotionsModule } from './motions/motions.module';
import { OpinionsModule } from './opinions/opinions.module';
import { DeadlinesModule } from './deadlines/deadlines.module';
import { EvaluationModule } from './motions/evaluation.module';
import { ExecutionModule } from './motions/execution.module';
import { PublicNoticeModule } from './motions/public-notice.module';
import { TerritoryModule } from './organization-copy/territory.module';
import { VotingModule } from './voting/voting.module';

export const SERVICE_NAME = 'deliberation';

/**
 * The deliberation subgraph (民事民议、民事民决、民事民办、民事民评): councils and their meetings, motions from raising to
 * evaluation, and votes counted as the law says. It keeps a copy of organization's territory from its events.
 */
@Module({})
export class AppModule {
  static forRoot(config: DeliberationConfig, { clock }: SubgraphAppOptions = {}): DynamicModule {
    return {
      module: AppModule,
      imports: [
        SubgraphPlatformModule.forRoot({ serviceName: SERVICE_NAME, config, clock }),
        TerritoryModule,
        MotionsModule,
        CouncilsModule,
        VotingModule,
        PublicNoticeModule,
        ExecutionModule,
        EvaluationModule,
        OpinionsModule,
        DeadlinesModule,
      ],
      providers: [
        { provide: DELIBERATION_CONFIG, useValue: config },
        CommunityReferenceResolver,
        CompoundReferenceResolver,
        OrgUnitReferenceResolver,
      ],
      exports: [DELIBERATION_CONFIG],
      global: true,
    };
  }
}
