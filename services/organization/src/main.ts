import './tracing'; // first: see tracing.ts
import 'reflect-metadata';
import { runSubgraph } from '@gongzhi/platform';
import { AppModule, SERVICE_NAME } from './app.module';
import { loadOrganizationConfig } from './config';
import { loadPersonalDataKeyRing } from './personal-data/personal-data-keys';

void runSubgraph(
  SERVICE_NAME,
  () => {
    const config = loadOrganizationConfig();
    // Validated with the rest of the configuration, so a missing or malformed key ring is one line, before Nest starts.
    loadPersonalDataKeyRing(config);
    return config;
  },
  (config) => AppModule.forRoot(config),
);
