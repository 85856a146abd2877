import { type FieldNode, type GraphQLResolveInfo, Kind, type SelectionSetNode } from 'graphql';

/**
 * The names of the fields a client selected on the `typeName` objects a resolver returns, through fragments. `path`
 * first walks into a wrapper (`['edges', 'node']` of a connection). Reference resolvers get the `_entities` field,
 * whose selection holds `... on Resident { … }` next to fragments on other types: only those on `typeName` count.
 */
export function selectedFieldNames(
  info: Pick<GraphQLResolveInfo, 'fieldNodes' | 'fragments'>,
  typeName: string,
  path: readonly string[] = [],
): string[] {
  let selectionSets = info.fieldNodes.map((node) => node.selectionSet);
  for (const step of path) {
    selectionSets = fieldsIn(selectionSets, info.fragments)
      .filter((field) => field.name.value === step)
      .map((field) => field.selectionSet);
  }
  const names = fieldsIn(selectionSets, info.fragments, typeName).map((field) => field.name.value);
  return [...new Set(names.filter((name) => name !== '__typename'))];
}

function fieldsIn(
  selectionSets: (SelectionSetNode | undefined)[],
  fragments: GraphQLResolveInfo['fragments'],
  typeName?: string,
): FieldNode[] {
  const onType = (condition: { name: { value: string } } | undefined) =>
    !typeName || !condition || condition.name.value === typeName;
  return selectionSets.flatMap((set) =>
    (set?.selections ?? []).flatMap((selection): FieldNode[] => {
      if (selection.kind === Kind.FIELD) return [selection];
      if (selection.kind === Kind.INLINE_FRAGMENT)
        return onType(selection.typeCondition) ? fieldsIn([selection.selectionSet], fragments, typeName) : [];
      const fragment = fragments[selection.name.value];
      return fragment && onType(fragment.typeCondition) ? fieldsIn([fragment.selectionSet], fragments, typeName) : [];
    }),
  );
}
