import {
  getNamedType,
  type GraphQLField,
  type GraphQLInterfaceType,
  type GraphQLObjectType,
  type GraphQLSchema,
  type GraphQLArgument,
  type GraphQLInputField,
  isEnumType,
  isInputObjectType,
  isInterfaceType,
  isListType,
  isNonNullType,
  isObjectType,
} from 'graphql';

/**
 * The API conventions of docs/api-conventions.md that a test can check on the composed supergraph. Each rule returns
 * the schema coordinates that depart from it; conventions.spec.ts holds every rule to none.
 */
export type ConventionRule =
  | 'mutation-single-input'
  | 'mutation-non-null-payload'
  | 'mutation-payload-type'
  | 'state-field-is-status'
  | 'status-enum-named-x-status'
  | 'next-steps-enum-list'
  | 'history-named-history'
  | 'history-shape'
  | 'connection-complete'
  | 'connection-arguments'
  | 'page-info-complete'
  | 'no-storage-or-internal-names'
  | 'place-argument'
  | 'list-filter-one-shape';

const HISTORY_ALIASES = new Set(['statusHistory', 'updates', 'steps']);
const NEXT_STEP_ALIASES = new Set(['nextActions', 'possibleSteps']);
const PLACE_ARGUMENTS = new Set(['communityId', 'compoundId', 'buildingId']);

function objectTypes(schema: GraphQLSchema): (GraphQLObjectType | GraphQLInterfaceType)[] {
  return Object.values(schema.getTypeMap()).filter(
    (type): type is GraphQLObjectType | GraphQLInterfaceType =>
      (isObjectType(type) || isInterfaceType(type)) && !type.name.startsWith('__'),
  );
}

const returnsConnection = (field: GraphQLField<unknown, unknown>) =>
  getNamedType(field.type).name.endsWith('Connection');

const capitalize = (name: string) => name.charAt(0).toUpperCase() + name.slice(1);

/** The plurals an English filter name takes: status → statuses, serviceCode → serviceCodes, category → categories. */
const pluralsOf = (name: string) => [
  `${name}s`,
  `${name}es`,
  ...(name.endsWith('y') ? [`${name.slice(0, -1)}ies`] : []),
];

/**
 * One idea, one shape: a filter taken both as a single value and as a list of the same type (`status` beside
 * `statuses`) is two shapes for one filter, unless the single one is deprecated in favour of the list. Returns the
 * single ones that are not.
 */
function singularTwins(inputs: readonly (GraphQLArgument | GraphQLInputField)[]): string[] {
  const byName = new Map(inputs.map((input) => [input.name, input]));
  return inputs
    .filter((single) => !isListType(isNonNullType(single.type) ? single.type.ofType : single.type))
    .filter((single) =>
      pluralsOf(single.name).some((plural) => {
        const list = byName.get(plural);
        const listType = list && (isNonNullType(list.type) ? list.type.ofType : list.type);
        return !!listType && isListType(listType) && getNamedType(listType) === getNamedType(single.type);
      }),
    )
    .filter((single) => !single.deprecationReason)
    .map((single) => single.name);
}

/** `[X!]!`: a non-null list of non-null items. */
function isListOf(field: GraphQLField<unknown, unknown>): boolean {
  return isNonNullType(field.type) && isListType(field.type.ofType) && isNonNullType(field.type.ofType.ofType);
}

/**
 * `history(first, after): XStepConnection!` whose node `XStep` has `status: XStatus!`, `at: DateTime!` and
 * `note: String` — the one shape of a state machine's status changes (docs/api-conventions.md, "State machines").
 */
function isHistoryConnection(owner: string, field: GraphQLField<unknown, unknown>): boolean {
  const connection = getNamedType(field.type);
  if (!isNonNullType(field.type) || !isObjectType(connection) || connection.name !== `${owner}StepConnection`)
    return false;
  if (!field.args.some((arg) => arg.name === 'first') || !field.args.some((arg) => arg.name === 'after')) return false;
  const edges = connection.getFields().edges;
  const edge = edges && getNamedType(edges.type);
  const node = edge && isObjectType(edge) ? edge.getFields().node : undefined;
  const step = node && getNamedType(node.type);
  if (!step || !isObjectType(step) || step.name !== `${owner}Step`) return false;
  const { status, at, note } = step.getFields();
  return (
    !!status &&
    isNonNullType(status.type) &&
    getNamedType(status.type).name === `${owner}Status` &&
    !!at &&
    isNonNullType(at.type) &&
    getNamedType(at.type).name === 'DateTime' &&
    !!note &&
    !isNonNullType(note.type) &&
    getNamedType(note.type).name === 'String'
  );
}

export function checkConventions(schema: GraphQLSchema): Record<ConventionRule, string[]> {
  const found: Record<ConventionRule, string[]> = {
    'mutation-single-input': [],
    'mutation-non-null-payload': [],
    'mutation-payload-type': [],
    'state-field-is-status': [],
    'status-enum-named-x-status': [],
    'next-steps-enum-list': [],
    'history-named-history': [],
    'history-shape': [],
    'connection-complete': [],
    'connection-arguments': [],
    'page-info-complete': [],
    'no-storage-or-internal-names': [],
    'place-argument': [],
    'list-filter-one-shape': [],
  };
  for (const field of Object.values(schema.getMutationType()?.getFields() ?? {})) {
    const coordinate = `Mutation.${field.name}`;
    if (
      field.args.length !== 1 ||
      field.args[0].name !== 'input' ||
      !isInputObjectType(getNamedType(field.args[0].type))
    )
      found['mutation-single-input'].push(coordinate);
    if (!isNonNullType(field.type)) found['mutation-non-null-payload'].push(coordinate);
    const payload = getNamedType(field.type);
    if (!isObjectType(payload) || payload.name !== `${capitalize(field.name)}Payload`)
      found['mutation-payload-type'].push(coordinate);
  }
  for (const type of Object.values(schema.getTypeMap())) {
    if (type.name.startsWith('__')) continue;
    if (type.name.endsWith('View')) found['no-storage-or-internal-names'].push(type.name);
  }
  for (const type of objectTypes(schema)) {
    const fields = type.getFields();
    for (const field of Object.values(fields)) {
      const coordinate = `${type.name}.${field.name}`;
      const named = getNamedType(field.type);
      if (field.name === 'state' && isEnumType(named)) found['state-field-is-status'].push(coordinate);
      // A history entry `XStep` records its entity's status, an `XStatus`.
      const owner = type.name.endsWith('Step') ? type.name.slice(0, -'Step'.length) : type.name;
      if (field.name === 'status' && isEnumType(named) && named.name !== `${owner}Status`)
        found['status-enum-named-x-status'].push(coordinate);
      if (
        NEXT_STEP_ALIASES.has(field.name) ||
        (field.name === 'nextSteps' && !(isEnumType(named) && named.name === `${type.name}Action` && isListOf(field)))
      )
        found['next-steps-enum-list'].push(coordinate);
      if (HISTORY_ALIASES.has(field.name)) found['history-named-history'].push(coordinate);
      if (field.name === 'history' && !isHistoryConnection(type.name, field)) found['history-shape'].push(coordinate);
      if (field.name.startsWith('_')) found['no-storage-or-internal-names'].push(coordinate);
      if (
        returnsConnection(field) &&
        !(field.args.some((arg) => arg.name === 'first') && field.args.some((arg) => arg.name === 'after'))
      ) {
        found['connection-arguments'].push(coordinate);
      }
      for (const arg of field.args)
        if (PLACE_ARGUMENTS.has(arg.name)) found['place-argument'].push(`${coordinate}(${arg.name}:)`);
      for (const name of singularTwins(field.args)) found['list-filter-one-shape'].push(`${coordinate}(${name}:)`);
    }
    if (type.name.endsWith('Connection')) {
      const edge = fields.edges && getNamedType(fields.edges.type);
      const edgeFields = edge && isObjectType(edge) ? edge.getFields() : {};
      if (!fields.pageInfo || !fields.edges || !edgeFields.node || !edgeFields.cursor)
        found['connection-complete'].push(type.name);
    }
  }
  for (const type of Object.values(schema.getTypeMap()))
    if (isInputObjectType(type) && !type.name.startsWith('__'))
      for (const name of singularTwins(Object.values(type.getFields())))
        found['list-filter-one-shape'].push(`${type.name}.${name}`);
  const pageInfo = schema.getType('PageInfo');
  const pageInfoFields = pageInfo && isObjectType(pageInfo) ? pageInfo.getFields() : {};
  for (const name of ['hasNextPage', 'hasPreviousPage', 'startCursor', 'endCursor'])
    if (!pageInfoFields[name]) found['page-info-complete'].push(`PageInfo.${name}`);
  for (const list of Object.values(found)) list.sort();
  return found;
}
