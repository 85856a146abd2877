import { execFileSync } from 'node:child_process';
import path from 'node:path';

/**
 * What the built gateway loads before its first request stays in its heap for good (docs/benchmark.md, "The gateway's
 * baseline"): none of the subgraphs' framework, and no development-only page bundle. Needs the build (`npm test` runs
 * it first).
 */
describe('the modules the gateway loads at start', () => {
  it("are none of NestJS, mongoose, GraphiQL's page or the OpenTelemetry SDK", () => {
    const script = [
      "require('./dist/tracing')",
      "require('./dist/server')",
      "require('@gongzhi/platform/lifecycle')",
      'process.stdout.write(JSON.stringify(Object.keys(require.cache)))',
    ].join(';');
    const loaded = JSON.parse(
      execFileSync(process.execPath, ['-e', script], {
        cwd: path.resolve(__dirname, '..'),
        env: { PATH: process.env.PATH, NODE_ENV: 'production' },
        encoding: 'utf8',
      }),
    ) as string[];
    const has = (pkg: string) => loaded.some((file) => file.includes(`/node_modules/${pkg}/`));
    expect(has('@apollo/gateway')).toBe(true);
    expect(
      [
        '@nestjs/core',
        '@nestjs/graphql',
        'mongoose',
        '@graphql-yoga/render-graphiql',
        '@opentelemetry/sdk-node',
      ].filter(has),
    ).toEqual([]);
  });
});
