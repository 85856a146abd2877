import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';

/**
 * With no exporter configured, tracing costs nothing: no SDK module is loaded and http is not patched. Each case
 * runs in a fresh Node process (instrumentation patches modules for the life of a process), from the build as the
 * services run it.
 */
const TELEMETRY = path.resolve(__dirname, '..', 'dist', 'index.js');

interface Probe {
  started: boolean;
  sdkModulesLoaded: number;
  httpPatched: boolean;
}

function probe(env: Record<string, string>): Probe {
  if (!existsSync(TELEMETRY)) throw new Error(`${TELEMETRY} is missing: run \`npm run build\` (npm test builds first)`);
  const script = `
    const telemetry = require(${JSON.stringify(TELEMETRY)});
    const started = telemetry.startTracing({ serviceName: 'organization', component: 'subgraph' });
    const http = require('node:http');
    const sdkModulesLoaded = Object.keys(require.cache).filter((file) => /@opentelemetry[\\\\/](sdk-|instrumentation)/.test(file)).length;
    process.stdout.write(JSON.stringify({ started, sdkModulesLoaded, httpPatched: Boolean(http.request.__wrapped) }));
    telemetry.shutdownTracing();
  `;
  // Only the variables of the case: none of the developer's OTEL_* settings.
  const out = execFileSync(process.execPath, ['-e', script], { env: { PATH: process.env.PATH, ...env }, encoding: 'utf8' });
  return JSON.parse(out) as Probe;
}

describe('tracing switched by the OTEL_* variables', () => {
  it('loads no SDK and patches nothing when no exporter is configured', () => {
    expect(probe({})).toEqual({ started: false, sdkModulesLoaded: 0, httpPatched: false });
  });

  it('stays off when OTEL_SDK_DISABLED is true or the traces exporter is none, endpoint or not', () => {
    const endpoint = { OTEL_EXPORTER_OTLP_ENDPOINT: 'http://127.0.0.1:4318' };
    expect(probe({ ...endpoint, OTEL_SDK_DISABLED: 'true' })).toEqual({ started: false, sdkModulesLoaded: 0, httpPatched: false });
    expect(probe({ ...endpoint, OTEL_TRACES_EXPORTER: 'none' })).toEqual({ started: false, sdkModulesLoaded: 0, httpPatched: false });
  });

  it('starts the SDK and patches http when an OTLP endpoint is configured (all signals or traces only)', () => {
    const envs: Record<string, string>[] = [{ OTEL_EXPORTER_OTLP_ENDPOINT: 'http://127.0.0.1:4318' }, { OTEL_EXPORTER_OTLP_TRACES_ENDPOINT: 'http://127.0.0.1:4318/v1/traces' }];
    for (const env of envs) {
      const result = probe(env);
      expect(result).toMatchObject({ started: true, httpPatched: true });
      expect(result.sdkModulesLoaded).toBeGreaterThan(0);
    }
  });
});
