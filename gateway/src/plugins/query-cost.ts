import {
  type DocumentNode,
  type FieldNode,
  type FragmentDefinitionNode,
  getNamedType,
  getNullableType,
  type GraphQLCompositeType,
  type GraphQLField,
  type GraphQLNamedType,
  type GraphQLSchema,
  isCompositeType,
  isListType,
  isObjectType,
  isInterfaceType,
  Kind,
  type OperationDefinitionNode,
  type SelectionSetNode,
  typeFromAST,
  valueFromAST,
} from 'graphql';

/** A list field without `first`/`last` (and no default for them) is counted as one page of this many items. */
export const UNPAGED_LIST_SIZE = 20;

/**
 * The nodes a query can return, counted the way GitHub's GraphQL API counts them: every object the response can
 * hold is one node, and a list or connection multiplies what is under it by its `first`/`last` (the argument, else
 * the field's default page size, else UNPAGED_LIST_SIZE). Connection, edge and PageInfo wrappers are not nodes
 * themselves; scalars and enums are free; introspection (`__schema`, `__type`, `__typename`) is free. Fragments on
 * different types are added up, so the figure is an upper bound.
 *
 * A tree of 20 communities → 20 compounds each → 20 buildings each: 20 + 400 + 8,000 = 8,420.
 */
export function requestedQueryCost(
  schema: GraphQLSchema,
  document: DocumentNode,
  operationName?: string | null,
  variables: Record<string, unknown> = {},
): number {
  // The figure depends only on the document, the operation and the variables given as first/last: worked out once per
  // document (Apollo hands the same DocumentNode for the same query text) and remembered per value of those variables.
  let ofDocument = requestedCosts.get(document);
  if (!ofDocument || ofDocument.schema !== schema) {
    ofDocument = { schema, operations: new Map() };
    requestedCosts.set(document, ofDocument);
  }
  const operationKey = operationName ?? '';
  let known = ofDocument.operations.get(operationKey);
  if (known) {
    const valuesKey = JSON.stringify(known.pageVariables.map((name) => variables[name] ?? null));
    const cost = known.costs.get(valuesKey);
    if (cost !== undefined) return cost;
  }
  const walked = walkRequested(schema, document, operationName, variables);
  if (!known) {
    known = { pageVariables: [...walked.pageVariables], costs: new Map() };
    ofDocument.operations.set(operationKey, known);
  }
  // Bounded: a client sending ever new page sizes keeps at most this many figures per document.
  if (known.costs.size >= MAX_COSTS_PER_OPERATION) known.costs.clear();
  known.costs.set(JSON.stringify(known.pageVariables.map((name) => variables[name] ?? null)), walked.cost);
  return walked.cost;
}

const MAX_COSTS_PER_OPERATION = 32;

/** Per document (held only as long as the document is), per operation: its first/last variables and known costs. */
const requestedCosts = new WeakMap<
  DocumentNode,
  { schema: GraphQLSchema; operations: Map<string, { pageVariables: string[]; costs: Map<string, number> }> }
>();

function walkRequested(
  schema: GraphQLSchema,
  document: DocumentNode,
  operationName: string | null | undefined,
  variables: Record<string, unknown>,
): { cost: number; pageVariables: Set<string> } {
  const { operation, fragments } = operationOf(document, operationName);
  const root = operation && schema.getRootType(operation.operation);
  if (!root) return { cost: 0, pageVariables: new Set() };
  const walker = new CostWalker(schema, fragments, variables);
  return { cost: walker.selectionSet(operation.selectionSet, root, 1, undefined), pageVariables: walker.pageVariables };
}

/** The nodes the response did return: the same counting, on the data. */
export function actualQueryCost(
  schema: GraphQLSchema,
  document: DocumentNode,
  operationName: string | null | undefined,
  data: unknown,
): number {
  const { operation, fragments } = operationOf(document, operationName);
  const root = operation && schema.getRootType(operation.operation);
  if (!root || !isRecord(data)) return 0;
  return countReturned(schema, fragments, operation.selectionSet, root, data);
}

function operationOf(document: DocumentNode, operationName?: string | null) {
  const fragments = new Map<string, FragmentDefinitionNode>();
  const operations: OperationDefinitionNode[] = [];
  for (const definition of document.definitions) {
    if (definition.kind === Kind.FRAGMENT_DEFINITION) fragments.set(definition.name.value, definition);
    if (definition.kind === Kind.OPERATION_DEFINITION) operations.push(definition);
  }
  const operation = operationName
    ? operations.find((op) => op.name?.value === operationName)
    : operations.length === 1
      ? operations[0]
      : undefined;
  return { operation, fragments };
}

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** Remembers a predicate on schema types per type (they are fixed once the schema is built). */
function perType(test: (type: GraphQLNamedType) => boolean): (type: GraphQLNamedType) => boolean {
  const known = new WeakMap<GraphQLNamedType, boolean>();
  return (type) => {
    let answer = known.get(type);
    if (answer === undefined) {
      answer = test(type);
      known.set(type, answer);
    }
    return answer;
  };
}

/** A Relay connection: an object with `edges` (whose items have `node`) or `nodes`. */
const isConnection = perType((type) => {
  if (!isObjectType(type) && !isInterfaceType(type)) return false;
  const fields = type.getFields();
  if (fields.nodes && isListType(getNullableType(fields.nodes.type))) return true;
  const edge = fields.edges && getNamedType(fields.edges.type);
  return Boolean(edge && (isObjectType(edge) || isInterfaceType(edge)) && edge.getFields().node);
});

/** The wrappers a connection's items travel in: not nodes of their own. */
const isWrapper = perType((type) => {
  if (type.name === 'PageInfo' || isConnection(type)) return true;
  return (isObjectType(type) || isInterfaceType(type)) && type.name.endsWith('Edge') && Boolean(type.getFields().node);
});

function fieldOf(parent: GraphQLCompositeType, name: string): GraphQLField<unknown, unknown> | undefined {
  return isObjectType(parent) || isInterfaceType(parent) ? parent.getFields()[name] : undefined;
}

class CostWalker {
  /** The variables read as a `first`/`last`: the only ones the figure depends on. */
  readonly pageVariables = new Set<string>();

  constructor(
    private readonly schema: GraphQLSchema,
    private readonly fragments: Map<string, FragmentDefinitionNode>,
    private readonly variables: Record<string, unknown>,
    private readonly visiting = new Set<string>(),
  ) {}

  /**
   * The nodes under `selectionSet`, on `multiplier` instances of `parent`. `pageSize` is the `first`/`last` of the
   * connection `parent` is, for its `edges`/`nodes` lists.
   */
  selectionSet(
    selectionSet: SelectionSetNode,
    parent: GraphQLCompositeType,
    multiplier: number,
    pageSize: number | undefined,
  ): number {
    let total = 0;
    for (const selection of selectionSet.selections) {
      if (selection.kind === Kind.FIELD) {
        total += this.field(selection, parent, multiplier, pageSize);
      } else if (selection.kind === Kind.INLINE_FRAGMENT) {
        const on = selection.typeCondition ? typeFromAST(this.schema, selection.typeCondition) : parent;
        if (on && isCompositeType(on)) total += this.selectionSet(selection.selectionSet, on, multiplier, pageSize);
      } else {
        const name = selection.name.value;
        const fragment = this.fragments.get(name);
        // A fragment that spreads itself is refused by validation; never loop on one here.
        if (!fragment || this.visiting.has(name)) continue;
        const on = typeFromAST(this.schema, fragment.typeCondition);
        if (!on || !isCompositeType(on)) continue;
        this.visiting.add(name);
        total += this.selectionSet(fragment.selectionSet, on, multiplier, pageSize);
        this.visiting.delete(name);
      }
    }
    return total;
  }

  private field(
    node: FieldNode,
    parent: GraphQLCompositeType,
    multiplier: number,
    parentPageSize: number | undefined,
  ): number {
    if (node.name.value.startsWith('__') || !node.selectionSet) return 0;
    const field = fieldOf(parent, node.name.value);
    if (!field) return 0;
    const type = getNamedType(field.type);
    if (!isCompositeType(type)) return 0;
    const ownPageSize = this.pageSize(node, field);
    let instances = multiplier;
    if (isListType(getNullableType(field.type))) {
      const isConnectionList =
        parentPageSize !== undefined && (node.name.value === 'edges' || node.name.value === 'nodes');
      instances *= isConnectionList ? parentPageSize : (ownPageSize ?? UNPAGED_LIST_SIZE);
    }
    const own = isWrapper(type) ? 0 : instances;
    const childPageSize = isConnection(type) ? (ownPageSize ?? UNPAGED_LIST_SIZE) : undefined;
    return own + this.selectionSet(node.selectionSet, type, instances, childPageSize);
  }

  /** The larger of `first` and `last` as sent (literal or variable), else as defaulted by the schema. */
  private pageSize(node: FieldNode, field: GraphQLField<unknown, unknown>): number | undefined {
    let size: number | undefined;
    for (const argument of field.args) {
      if (argument.name !== 'first' && argument.name !== 'last') continue;
      const sent = node.arguments?.find((arg) => arg.name.value === argument.name);
      if (sent?.value.kind === Kind.VARIABLE) this.pageVariables.add(sent.value.name.value);
      const value = sent ? valueFromAST(sent.value, argument.type, this.variables) : argument.defaultValue;
      if (typeof value === 'number' && Number.isFinite(value))
        size = Math.max(size ?? 0, Math.max(0, Math.floor(value)));
    }
    return size;
  }
}

/** Counts the objects the data holds where the selection names a node (wrappers excepted), following the same rules. */
function countReturned(
  schema: GraphQLSchema,
  fragments: Map<string, FragmentDefinitionNode>,
  selectionSet: SelectionSetNode,
  parent: GraphQLCompositeType,
  data: Record<string, unknown>,
): number {
  let total = 0;
  for (const selection of selectionSet.selections) {
    if (selection.kind === Kind.INLINE_FRAGMENT || selection.kind === Kind.FRAGMENT_SPREAD) {
      const fragment = selection.kind === Kind.INLINE_FRAGMENT ? selection : fragments.get(selection.name.value);
      if (!fragment) continue;
      const on = fragment.typeCondition ? typeFromAST(schema, fragment.typeCondition) : parent;
      if (on && isCompositeType(on)) total += countReturned(schema, fragments, fragment.selectionSet, on, data);
      continue;
    }
    if (!selection.selectionSet || selection.name.value.startsWith('__')) continue;
    const field = fieldOf(parent, selection.name.value);
    const value = data[selection.alias?.value ?? selection.name.value];
    if (!field || value === null || value === undefined) continue;
    const type = getNamedType(field.type);
    if (!isCompositeType(type)) continue;
    for (const item of Array.isArray(value) ? value.flat(Infinity) : [value]) {
      if (!isRecord(item)) continue;
      const concrete = typeof item.__typename === 'string' ? schema.getType(item.__typename) : undefined;
      if (!isWrapper(type)) total += 1;
      total += countReturned(
        schema,
        fragments,
        selection.selectionSet,
        concrete && isCompositeType(concrete) ? concrete : type,
        item,
      );
    }
  }
  return total;
}
