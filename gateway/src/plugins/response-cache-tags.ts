import {
  buildASTSchema,
  type ConstDirectiveNode,
  type DocumentNode,
  Kind,
  parse,
  TypeInfo,
  visit,
  visitWithTypeInfo,
} from 'graphql';

const argumentOf = (directive: ConstDirectiveNode, name: string) =>
  directive.arguments?.find((argument) => argument.name.value === name)?.value;

/** The `graph:` of each `@join__type`/`@join__field` among the directives, as join__Graph enum values. */
function graphsIn(directives: readonly ConstDirectiveNode[] | undefined, directiveName: string): string[] {
  const graphs: string[] = [];
  for (const directive of directives ?? []) {
    if (directive.name.value !== directiveName) continue;
    const graph = argumentOf(directive, 'graph');
    if (graph?.kind === Kind.ENUM) graphs.push(graph.value);
  }
  return graphs;
}

/**
 * Which subgraphs an operation's answer can come from, read from the composed supergraph's `@join__type` and
 * `@join__field` directives: a field listed with `@join__field(graph:)` comes from those graphs, any other field from
 * every graph that defines its type. An over-estimate (a shareable field counts all its graphs), never an under-one:
 * these are the tags the response cache drops an answer by when a subgraph's event arrives.
 */
export class SupergraphTags {
  private readonly schema;
  /** join__Graph enum value (ORGANIZATION) → subgraph name (organization). */
  private readonly names = new Map<string, string>();
  private readonly all: string[];

  constructor(supergraphSdl: string) {
    // Without locations: the schema keeps its AST, and a located AST keeps every token of the supergraph (about 7 MB).
    const document = parse(supergraphSdl, { noLocation: true });
    this.schema = buildASTSchema(document, { assumeValidSDL: true });
    for (const definition of document.definitions) {
      if (definition.kind !== Kind.ENUM_TYPE_DEFINITION || definition.name.value !== 'join__Graph') continue;
      for (const value of definition.values ?? []) {
        const directive = value.directives?.find((d) => d.name.value === 'join__graph');
        const name = directive && argumentOf(directive, 'name');
        this.names.set(value.name.value, name?.kind === Kind.STRING ? name.value : value.name.value.toLowerCase());
      }
    }
    this.all = [...new Set(this.names.values())].sort();
  }

  /** Every subgraph in the supergraph. */
  subgraphs(): readonly string[] {
    return this.all;
  }

  /** The subgraphs the operations of `document` read from, sorted; every subgraph when a field is not found. */
  of(document: DocumentNode): string[] {
    const graphs = new Set<string>();
    let unknown = false;
    const typeInfo = new TypeInfo(this.schema);
    visit(
      document,
      visitWithTypeInfo(typeInfo, {
        Field: () => {
          const field = typeInfo.getFieldDef();
          const parent = typeInfo.getParentType();
          if (!field || !parent) {
            unknown = true;
            return;
          }
          if (field.name.startsWith('__')) return;
          const own = graphsIn(field.astNode?.directives, 'join__field');
          for (const graph of own.length ? own : graphsIn(parent.astNode?.directives, 'join__type')) graphs.add(graph);
        },
      }),
    );
    if (unknown) return [...this.all];
    return [...new Set([...graphs].map((graph) => this.names.get(graph) ?? graph.toLowerCase()))].sort();
  }
}
