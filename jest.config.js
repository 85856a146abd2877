// One jest run for the whole workspace: unit specs beside the code (*.spec.ts) and end-to-end specs
// (*.e2e-spec.ts) that talk to a real mongod and nats-server started once per run by the global setup.
const swc = [
  '@swc/jest',
  {
    jsc: {
      parser: { syntax: 'typescript', decorators: true },
      transform: { legacyDecorator: true, decoratorMetadata: true },
      target: 'es2022',
    },
    module: { type: 'commonjs' },
  },
];

// The console's React components (apps/console/src/**/*.tsx), with React's automatic JSX runtime.
const swcTsx = [
  '@swc/jest',
  {
    jsc: {
      parser: { syntax: 'typescript', tsx: true },
      transform: { react: { runtime: 'automatic' } },
      target: 'es2022',
    },
    module: { type: 'commonjs' },
  },
];

/** @type {import('jest').Config} */
module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/libs', '<rootDir>/services', '<rootDir>/gateway', '<rootDir>/infra', '<rootDir>/apps'],
  testMatch: [
    '**/src/**/*.spec.ts',
    '**/src/**/*.spec.tsx',
    '**/server/**/*.spec.ts',
    '**/src/**/*.e2e-spec.ts',
    '**/test/**/*.e2e-spec.ts',
  ],
  testPathIgnorePatterns: ['/node_modules/', '/dist/'],
  transform: { '^.+\\.ts$': swc, '^.+\\.tsx$': swcTsx, '/oauth4webapi/build/index\\.js$': swc },
  // oauth4webapi (the console's OpenID Connect client) ships ES modules only: compiled like our sources for its specs.
  transformIgnorePatterns: ['/node_modules/(?!\\.pnpm/oauth4webapi@|oauth4webapi/)'],
  // Workspace packages resolve to their TypeScript sources, so a test never runs stale builds.
  moduleNameMapper: {
    '^@gongzhi/(contracts|metrics|platform|telemetry|testing)$': '<rootDir>/libs/$1/src',
    '^@gongzhi/platform/lifecycle$': '<rootDir>/libs/platform/src/lifecycle',
    '^@gongzhi/platform/config$': '<rootDir>/libs/platform/src/config/config',
    '^@gongzhi/infra$': '<rootDir>/infra/src',
    '^@gongzhi/gateway$': '<rootDir>/gateway/src',
  },
  globalSetup: '<rootDir>/libs/testing/src/global-setup.ts',
  globalTeardown: '<rootDir>/libs/testing/src/global-teardown.ts',
  testTimeout: 60_000,
  // beforeAll/afterAll: 240 s unless a spec gives its own (starting subgraphs with demo data is slow on two cores).
  setupFilesAfterEnv: ['<rootDir>/libs/testing/src/setup-budget.ts'],
  // Two suites at a time even on a 2-core machine: much of an end-to-end suite's time is spent waiting on the
  // (emulated) database and on child processes, so a second worker overlaps it (a subset: 122 s → 86 s). Suites must
  // therefore never share fixed names (databases, streams, durable consumers, ports) or depend on timing.
  maxWorkers: 2,
  reporters: ['default', '<rootDir>/libs/testing/src/summary-reporter.js'],
};
