import './tracing'; // first: see tracing.ts
import 'reflect-metadata';
import { runSubgraph } from '@gongzhi/platform';
import { AppModule, SERVICE_NAME } from './app.module';
import { loadOrganizationConfig } from './config';

void runSubgraph(SERVICE_NAME, () => loadOrganizationConfig(), (config) => AppModule.forRoot(config));
