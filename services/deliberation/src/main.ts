import './tracing'; // first: see tracing.ts
import 'reflect-metadata';
import { runSubgraph } from '@gongzhi/platform';
import { AppModule, SERVICE_NAME } from './app.module';
import { loadDeliberationConfig } from './config';

void runSubgraph(
  SERVICE_NAME,
  () => loadDeliberationConfig(),
  (config) => AppModule.forRoot(config),
);
