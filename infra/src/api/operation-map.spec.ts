import { operationMapModule, operationSources } from './operation-map';

describe('operationSources: what a client sends for one operation', () => {
  const documents = [
    `fragment Row on OrgUnit { id name ...Tier }
     fragment Tier on OrgUnit { tier tierName }
     fragment Unused on Community { id }
     query Units { orgUnits { edges { node { ...Row } } } }`,
    `query Community($id: ID!) { community(id: $id) { id name } }`,
  ];

  it('keeps each operation with the fragments it uses, nested ones too, and no others', () => {
    const sources = operationSources(documents);
    expect([...sources.keys()]).toEqual(['Units', 'Community']);
    const units = sources.get('Units')!;
    expect(units).toContain('fragment Row on OrgUnit');
    expect(units).toContain('fragment Tier on OrgUnit');
    expect(units).not.toContain('Unused');
    expect(sources.get('Community')).not.toContain('fragment');
  });

  it('refuses an unnamed operation, two operations of one name and a missing fragment', () => {
    expect(() => operationSources(['{ communities { totalCount } }'])).toThrow('every operation needs a name');
    expect(() => operationSources(['query A { a }', 'query A { b }'])).toThrow('two operations are named A');
    expect(() => operationSources(['query A { a { ...Gone } }'])).toThrow('A uses the fragment Gone');
  });

  it('types each operation by the names typescript-operations gives its result and variables', () => {
    const module = operationMapModule(['query Units { a }', 'mutation BookRoom { b }']);
    expect(module).toContain('Units: [UnitsQuery, UnitsQueryVariables];');
    expect(module).toContain('BookRoom: [BookRoomMutation, BookRoomMutationVariables];');
    expect(module).toContain('Units: "query Units {\\n  a\\n}",');
  });
});
