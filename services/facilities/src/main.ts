import './tracing'; // first: see tracing.ts
import 'reflect-metadata';
import { runSubgraph } from '@gongzhi/platform';
import { AppModule, SERVICE_NAME } from './app.module';
import { loadFacilitiesConfig } from './config';

void runSubgraph(
  SERVICE_NAME,
  () => loadFacilitiesConfig(),
  (config) => AppModule.forRoot(config),
);
