import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import {
  CONSOLE_GENERATED_FILE,
  consoleDocumentFiles,
  exampleFiles,
  exampleProblems,
  GENERATED_FILE,
  readExample,
} from './examples';
import { readApiSchema } from './supergraph-schema';

const repoRoot = path.resolve(__dirname, '../../..');
const schema = readApiSchema(repoRoot);

describe('examples/: the operations a frontend typically needs', () => {
  it('has one file per subgraph', () => {
    expect(exampleFiles(repoRoot)).toEqual([
      'examples/deliberation.graphql',
      'examples/facilities.graphql',
      'examples/organization.graphql',
      'examples/services.graphql',
    ]);
  });

  it.each(exampleFiles(path.resolve(__dirname, '../../..')))('%s is valid against the composed supergraph', (file) => {
    expect(exampleProblems(schema, readExample(repoRoot, file))).toEqual([]);
  });

  it.each(consoleDocumentFiles(path.resolve(__dirname, '../../..')))(
    'the console’s %s is valid against the composed supergraph',
    (file) => {
      expect(exampleProblems(schema, readExample(repoRoot, file))).toEqual([]);
    },
  );

  it('catches an operation that asks for a field the schema does not have, and one without a name', () => {
    expect(exampleProblems(schema, 'query Lamps { lamp(id: "1") { id wattage } }')).toEqual([
      'Cannot query field "wattage" on type "Lamp".',
    ]);
    expect(exampleProblems(schema, '{ communities(first: 1) { totalCount } }')).toEqual([
      'every operation needs a name (codegen names its types after it)',
    ]);
  });

  it('has its TypeScript types (and the console’s) generated with GraphQL Code Generator and up to date (run `npm run codegen` after changing an example or the schema)', () => {
    // The built CLI (npm test builds first): @graphql-codegen/cli loads ES modules that jest cannot require.
    const check = spawnSync(process.execPath, [path.join(repoRoot, 'infra/dist/api/codegen-cli.js'), '--check'], {
      encoding: 'utf8',
    });
    expect(check.stderr).toBe('');
    expect(check.status).toBe(0);
    const generated = readFileSync(path.join(repoRoot, GENERATED_FILE), 'utf8');
    expect(generated).toContain('export type CastBallotMutation =');
    expect(generated).toContain('export type CommunityTreeQuery =');
    const consoleTypes = readFileSync(path.join(repoRoot, CONSOLE_GENERATED_FILE), 'utf8');
    expect(consoleTypes).toContain('export type CommunityLampsQuery =');
    expect(consoleTypes).toContain('CommunityLamps: [CommunityLampsQuery, CommunityLampsQueryVariables];');
  });
});
