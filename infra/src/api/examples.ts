import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { type GraphQLError, type GraphQLSchema, Kind, parse, validate } from 'graphql';

/** The operations a frontend typically needs, one .graphql file per subgraph. */
export const EXAMPLES_DIR = 'examples';
/** Their TypeScript types, written by `npm run codegen` and committed. */
export const GENERATED_FILE = `${EXAMPLES_DIR}/generated/operations.ts`;

/** The community console's operations (apps/console), validated and typed the same way. */
export const CONSOLE_DOCUMENTS_DIR = 'apps/console/src/graphql';
export const CONSOLE_GENERATED_FILE = `${CONSOLE_DOCUMENTS_DIR}/generated.ts`;

function graphqlFilesIn(repoRoot: string, dir: string): string[] {
  return readdirSync(path.join(repoRoot, dir))
    .filter((name) => name.endsWith('.graphql'))
    .sort()
    .map((name) => `${dir}/${name}`);
}

export function exampleFiles(repoRoot: string): string[] {
  return graphqlFilesIn(repoRoot, EXAMPLES_DIR);
}

export function consoleDocumentFiles(repoRoot: string): string[] {
  return graphqlFilesIn(repoRoot, CONSOLE_DOCUMENTS_DIR);
}

/** What is wrong with one document against the schema: graphql-js validation, plus every operation needs a name. */
export function exampleProblems(schema: GraphQLSchema, source: string): string[] {
  let document;
  try {
    document = parse(source);
  } catch (error) {
    return [(error as GraphQLError).message];
  }
  const unnamed = document.definitions.filter(
    (definition) => definition.kind === Kind.OPERATION_DEFINITION && !definition.name,
  );
  return [
    ...validate(schema, document).map((error) => error.message),
    ...unnamed.map(() => 'every operation needs a name (codegen names its types after it)'),
  ];
}

export function readExample(repoRoot: string, file: string): string {
  return readFileSync(path.join(repoRoot, file), 'utf8');
}
