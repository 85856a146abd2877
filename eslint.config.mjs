// ESLint for the whole workspace (flat config). `npm run lint` runs it; `npm test` runs lint first and stops when it
// is not clean. Type-aware rules (typescript-eslint's recommendedTypeChecked) use the TypeScript project service, so
// each package's tsconfig decides what a file sees; specs, which no package tsconfig builds, fall back to the root
// tsconfig.json. Formatting is Prettier's (`npm run format`), not ESLint's.
import js from '@eslint/js';
import prettier from 'eslint-config-prettier';
import tseslint from 'typescript-eslint';

// Drills (infra/src/drill) read GraphQL answers as specs do.
const specs = [
  '**/*.spec.ts',
  '**/*.e2e-spec.ts',
  '**/test/**/*.ts',
  'gateway/src/testing/**/*.ts',
  'libs/testing/src/**/*.ts',
  'infra/src/drill/**/*.ts',
];

export default tseslint.config(
  {
    ignores: [
      '**/node_modules/**',
      '**/dist/**',
      'coverage/**',
      '.gongzhi/**',
      '**/*.d.ts',
      'examples/generated/**',
      'apps/console/src/graphql/generated.ts',
      'apps/console/dist-*/**',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: {
      parserOptions: {
        projectService: {
          allowDefaultProject: [
            '*.js',
            '*.mjs',
            'infra/scripts/*.mjs',
            'libs/testing/src/*.js',
            'apps/console/scripts/*.mjs',
            'apps/console/test/*.cjs',
          ],
        },
        tsconfigRootDir: import.meta.dirname,
      },
    },
    linterOptions: { reportUnusedDisableDirectives: 'error' },
    rules: {
      // `_name` marks a parameter or a destructured-away property that is unused on purpose.
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_', ignoreRestSiblings: true },
      ],
      // Apollo's plugin hooks and NestJS's providers are declared async by their interfaces; an implementation that
      // needs no await is still right.
      '@typescript-eslint/require-await': 'off',
      // Ids read as `unknown` (a mongoose path, an event payload) narrow to `{}` after a null check; they are ObjectIds
      // or strings, whose String() is the hex id. Every other type keeps the check.
      '@typescript-eslint/no-base-to-string': [
        'error',
        { ignoredTypeNames: ['Error', 'RegExp', 'URL', 'URLSearchParams', '{}'] },
      ],
    },
  },
  {
    files: specs,
    rules: {
      // Specs read GraphQL answers as `any` on purpose (GraphQLResult<T = any>): the assertion states the shape under
      // test, and typing every answer would copy the schema into the specs. Source code keeps these rules.
      '@typescript-eslint/no-explicit-any': 'off',
      '@typescript-eslint/no-unsafe-argument': 'off',
      '@typescript-eslint/no-unsafe-assignment': 'off',
      '@typescript-eslint/no-unsafe-call': 'off',
      '@typescript-eslint/no-unsafe-member-access': 'off',
      '@typescript-eslint/no-unsafe-return': 'off',
      // jest's expect(mock.method) and the like pass methods around on purpose.
      '@typescript-eslint/unbound-method': 'off',
      // Specs hand async handlers to the small HTTP servers they stand up; a rejection fails the request under test.
      '@typescript-eslint/no-misused-promises': ['error', { checksVoidReturn: { arguments: false } }],
    },
  },
  {
    // The NATS connection type: under `moduleResolution: node` TypeScript cannot follow @nats-io/transport-node's
    // re-export of nats-core's types (see NatsConnection in nats-connection.ts), so every use of a connection is an
    // unresolved type to these rules. Only the files that hold a connection are exempt.
    files: [
      'libs/platform/src/events/nats-connection.ts',
      'libs/platform/src/events/event-consumer.ts',
      'libs/platform/src/events/outbox-relay.ts',
      'gateway/src/server.ts',
      'gateway/src/auth/api-key-registry.ts',
      'infra/src/cli/events-command.ts',
    ],
    rules: {
      '@typescript-eslint/no-unsafe-assignment': 'off',
      '@typescript-eslint/no-unsafe-call': 'off',
      '@typescript-eslint/no-unsafe-member-access': 'off',
      '@typescript-eslint/no-unsafe-return': 'off',
      '@typescript-eslint/no-unsafe-argument': 'off',
      '@typescript-eslint/no-redundant-type-constituents': 'off',
    },
  },
  {
    // Development fixtures that read organization's raw collections as untyped documents to seed a local copy.
    files: ['services/*/src/demo/organization-copy.ts'],
    rules: {
      '@typescript-eslint/no-unsafe-assignment': 'off',
      '@typescript-eslint/no-unsafe-argument': 'off',
      '@typescript-eslint/no-unsafe-call': 'off',
      '@typescript-eslint/no-unsafe-member-access': 'off',
      '@typescript-eslint/no-base-to-string': 'off',
    },
  },
  {
    // Plain JavaScript (jest config, the bootstrap script, the summary reporter): CommonJS and ESM for Node.
    files: ['**/*.js', '**/*.mjs', '**/*.cjs'],
    ...tseslint.configs.disableTypeChecked,
    languageOptions: {
      globals: {
        require: 'readonly',
        module: 'writable',
        process: 'readonly',
        console: 'readonly',
        __dirname: 'readonly',
      },
    },
    rules: { ...tseslint.configs.disableTypeChecked.rules, '@typescript-eslint/no-require-imports': 'off' },
  },
  prettier,
);
