import { type FieldNode, type FragmentDefinitionNode, Kind, type OperationDefinitionNode, parse } from 'graphql';
import { selectedFieldNames } from './selected-fields';

/** The `info` a resolver of the query's first root field would get, as far as selectedFieldNames reads it. */
function infoOf(query: string) {
  const document = parse(query);
  const operation = document.definitions.find(
    (d): d is OperationDefinitionNode => d.kind === Kind.OPERATION_DEFINITION,
  )!;
  const fragments = Object.fromEntries(
    document.definitions
      .filter((d): d is FragmentDefinitionNode => d.kind === Kind.FRAGMENT_DEFINITION)
      .map((d) => [d.name.value, d]),
  );
  return { fieldNodes: [operation.selectionSet.selections[0] as FieldNode], fragments };
}

describe('selectedFieldNames', () => {
  it('names the fields selected on the returned object, through fragments and without __typename', () => {
    const info = infoOf(
      '{ resident(id: "r1") { __typename name ... on Resident { ageBand } ...contact } } fragment contact on Resident { phoneMasked name }',
    );
    expect(selectedFieldNames(info, 'Resident')).toEqual(['name', 'ageBand', 'phoneMasked']);
  });

  it('walks into the nodes of a connection', () => {
    const info = infoOf(
      '{ residents { totalCount edges { cursor node { name household { unitNumber } } } ...more } } fragment more on ResidentConnection { edges { node { consents { kind } } } }',
    );
    expect(selectedFieldNames(info, 'Resident', ['edges', 'node'])).toEqual(['name', 'household', 'consents']);
  });

  it('keeps only the fragments on the type asked for, as _entities selects several types side by side', () => {
    const info = infoOf(
      '{ _entities(representations: []) { ... on Household { unitNumber } ... on Resident { name phone } } }',
    );
    expect(selectedFieldNames(info, 'Resident')).toEqual(['name', 'phone']);
    expect(selectedFieldNames(info, 'Household')).toEqual(['unitNumber']);
  });
});
