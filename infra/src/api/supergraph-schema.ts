import { readFileSync } from 'node:fs';
import path from 'node:path';
import { buildASTSchema, type DocumentNode, type GraphQLSchema, Kind, parse, visit } from 'graphql';

export const SUPERGRAPH_DIR = 'gateway/supergraph';
/** The supergraph `npm run compose` writes: what the gateway serves. */
export const SUPERGRAPH_FILE = `${SUPERGRAPH_DIR}/supergraph.graphql`;
/** The supergraph as last released to clients: the breaking-change check compares against it. */
export const RELEASED_FILE = `${SUPERGRAPH_DIR}/released.graphql`;

/** Federation's machinery in a supergraph (join__*, link__*, @link): not part of the API clients see. */
const isFederationName = (name: string) => name.startsWith('join__') || name.startsWith('link__') || name === 'link';

/** The API schema of a supergraph: its types, fields and directives as clients see them, without federation's join/link machinery. */
export function apiDocument(supergraphSdl: string): DocumentNode {
  const document = parse(supergraphSdl);
  return visit(document, {
    Directive: (node) => (isFederationName(node.name.value) ? null : undefined),
    DirectiveDefinition: (node) => (isFederationName(node.name.value) ? null : undefined),
    EnumTypeDefinition: (node) => (isFederationName(node.name.value) ? null : undefined),
    ScalarTypeDefinition: (node) => (isFederationName(node.name.value) ? null : undefined),
    InputObjectTypeDefinition: (node) => (isFederationName(node.name.value) ? null : undefined),
    SchemaDefinition: (node) => ({ ...node, directives: [] }),
  });
}

export function apiSchema(supergraphSdl: string): GraphQLSchema {
  return buildASTSchema(apiDocument(supergraphSdl));
}

export function readApiSchema(repoRoot: string, file = SUPERGRAPH_FILE): GraphQLSchema {
  return apiSchema(readFileSync(path.join(repoRoot, file), 'utf8'));
}

/** The schema's own definitions (its types, not GraphQL's built-in scalars and introspection types). */
export function ownTypeNames(document: DocumentNode): string[] {
  return document.definitions.flatMap((definition) =>
    definition.kind === Kind.OBJECT_TYPE_DEFINITION ||
    definition.kind === Kind.INTERFACE_TYPE_DEFINITION ||
    definition.kind === Kind.INPUT_OBJECT_TYPE_DEFINITION ||
    definition.kind === Kind.ENUM_TYPE_DEFINITION ||
    definition.kind === Kind.UNION_TYPE_DEFINITION ||
    definition.kind === Kind.SCALAR_TYPE_DEFINITION
      ? [definition.name.value]
      : [],
  );
}
