// Imported first by main.ts: the OpenTelemetry SDK must patch http, express, graphql and mongodb before they are
// loaded. Off (nothing loaded) unless the OTEL_* variables name an exporter; see docs/operations.md, "Traces".
import { startTracing } from '@gongzhi/telemetry';

startTracing({ serviceName: 'services', component: 'subgraph' });
