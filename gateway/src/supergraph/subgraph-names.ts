import { Kind, parse } from 'graphql';

/** The subgraphs a supergraph routes to: the `name` of each `join__Graph` value's `@join__graph`. */
export function subgraphNames(supergraphSdl: string): string[] {
  const joinGraph = parse(supergraphSdl).definitions.find(
    (definition) => definition.kind === Kind.ENUM_TYPE_DEFINITION && definition.name.value === 'join__Graph',
  );
  if (joinGraph?.kind !== Kind.ENUM_TYPE_DEFINITION) {
    throw new Error('not a supergraph: it has no join__Graph enum');
  }
  return (joinGraph.values ?? []).map((value) => {
    const name = value.directives
      ?.find((directive) => directive.name.value === 'join__graph')
      ?.arguments?.find((argument) => argument.name.value === 'name')?.value;
    if (name?.kind !== Kind.STRING) throw new Error(`join__Graph.${value.name.value} has no @join__graph(name:)`);
    return name.value;
  });
}
