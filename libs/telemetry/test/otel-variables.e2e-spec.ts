import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { type OtlpReceiver, startOtlpReceiver } from './otlp-receiver';

/**
 * Tracing is switched by the standard OTEL_* variables alone. With no exporter configured it costs nothing: no SDK
 * module is loaded and http is not patched. Each case runs in a fresh Node process (instrumentation patches modules
 * for the life of a process), from the build as the services run it.
 */
const TELEMETRY = path.resolve(__dirname, '..', 'dist', 'index.js');

interface Probe {
  started: boolean;
  sdkModulesLoaded: number;
  httpPatched: boolean;
}

/** Starts tracing as a service's entry point does, reports what got loaded, ends one span and shuts down (flushing it). */
async function probe(env: Record<string, string>): Promise<Probe> {
  if (!existsSync(TELEMETRY)) throw new Error(`${TELEMETRY} is missing: run \`npm run build\` (npm test builds first)`);
  const script = `
    const telemetry = require(${JSON.stringify(TELEMETRY)});
    const started = telemetry.startTracing({ serviceName: 'organization', component: 'subgraph' });
    const http = require('node:http');
    const sdkModulesLoaded = Object.keys(require.cache).filter((file) => /@opentelemetry[\\\\/](sdk-|instrumentation)/.test(file)).length;
    const api = require(require.resolve('@opentelemetry/api', { paths: [${JSON.stringify(path.dirname(TELEMETRY))}] }));
    api.trace.getTracer('probe').startSpan('淞泽家园七区 probe').end();
    telemetry.shutdownTracing().then(() => process.stdout.write(JSON.stringify({ started, sdkModulesLoaded, httpPatched: Boolean(http.request.__wrapped) })));
  `;
  // Only the variables of the case: none of the developer's OTEL_* settings.
  const { stdout } = await promisify(execFile)(process.execPath, ['-e', script], {
    env: { PATH: process.env.PATH, ...env },
    encoding: 'utf8',
  });
  return JSON.parse(stdout) as Probe;
}

const OFF: Probe = { started: false, sdkModulesLoaded: 0, httpPatched: false };

describe('tracing switched by the OTEL_* variables', () => {
  let receiver: OtlpReceiver;

  beforeAll(async () => {
    receiver = await startOtlpReceiver();
  });

  afterAll(() => receiver.close());

  it('loads no SDK and patches nothing when no exporter is configured', async () => {
    expect(await probe({})).toEqual(OFF);
    expect(await probe({ OTEL_SERVICE_NAME: 'organization', OTEL_EXPORTER_OTLP_PROTOCOL: 'http/json' })).toEqual(OFF);
  });

  it('stays off when OTEL_SDK_DISABLED is true or the traces exporter is none, endpoint or not', async () => {
    const endpoint = { OTEL_EXPORTER_OTLP_ENDPOINT: receiver.endpoint };
    expect(await probe({ ...endpoint, OTEL_SDK_DISABLED: 'true' })).toEqual(OFF);
    expect(await probe({ ...endpoint, OTEL_TRACES_EXPORTER: 'none' })).toEqual(OFF);
    expect(receiver.contentTypes).toEqual([]);
  });

  it('starts the SDK, patches http and exports in the configured protocol once an OTLP endpoint is set', async () => {
    const cases: [Record<string, string>, string][] = [
      [
        { OTEL_EXPORTER_OTLP_ENDPOINT: receiver.endpoint, OTEL_EXPORTER_OTLP_PROTOCOL: 'http/json' },
        'application/json',
      ],
      [
        {
          OTEL_EXPORTER_OTLP_TRACES_ENDPOINT: `${receiver.endpoint}/v1/traces`,
          OTEL_EXPORTER_OTLP_PROTOCOL: 'http/protobuf',
        },
        'application/x-protobuf',
      ],
      // http/protobuf is the default protocol.
      [{ OTEL_EXPORTER_OTLP_ENDPOINT: receiver.endpoint }, 'application/x-protobuf'],
    ];
    for (const [env, contentType] of cases) {
      const exported = receiver.contentTypes.length;
      const result = await probe(env);
      expect(result).toMatchObject({ started: true, httpPatched: true });
      expect(result.sdkModulesLoaded).toBeGreaterThan(0);
      expect(receiver.contentTypes.slice(exported)).toEqual([contentType]);
    }
    expect(receiver.spans.map((span) => [span.service, span.name])).toEqual([['organization', '淞泽家园七区 probe']]);
  });
});
