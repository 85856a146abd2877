import { type DefinitionNode, type DocumentNode, Kind, parse, print, visit } from 'graphql';

/**
 * Each named operation of some GraphQL documents with just the fragments it uses, printed: what a client sends for
 * that operation. Sending a whole file instead would cost every request the gateway's token limit for all of it.
 */
export function operationSources(sources: string[]): Map<string, string> {
  const definitions = sources.flatMap((source) => parse(source).definitions);
  const fragments = new Map(
    definitions.flatMap((definition) =>
      definition.kind === Kind.FRAGMENT_DEFINITION ? [[definition.name.value, definition] as const] : [],
    ),
  );
  const spreadsIn = (node: DefinitionNode): string[] => {
    const names: string[] = [];
    visit(node, { FragmentSpread: (spread) => void names.push(spread.name.value) });
    return names;
  };
  const operations = new Map<string, string>();
  for (const definition of definitions) {
    if (definition.kind !== Kind.OPERATION_DEFINITION) continue;
    if (!definition.name) throw new Error('every operation needs a name (codegen names its types after it)');
    const name = definition.name.value;
    if (operations.has(name)) throw new Error(`two operations are named ${name}`);
    const used: DefinitionNode[] = [];
    const seen = new Set<string>();
    const pending = spreadsIn(definition);
    while (pending.length > 0) {
      const fragmentName = pending.shift()!;
      if (seen.has(fragmentName)) continue;
      seen.add(fragmentName);
      const fragment = fragments.get(fragmentName);
      if (!fragment) throw new Error(`${name} uses the fragment ${fragmentName}, which no document defines`);
      used.push(fragment);
      pending.push(...spreadsIn(fragment));
    }
    const document: DocumentNode = { kind: Kind.DOCUMENT, definitions: [definition, ...used] };
    operations.set(name, print(document));
  }
  return operations;
}

/**
 * TypeScript for a typed client: `operations` (name → the text to send) and `Operations` (name → result and
 * variables types, which GraphQL Code Generator's typescript-operations names `<Name>Query`/`<Name>Mutation` and
 * `<Name>QueryVariables`).
 */
export function operationMapModule(sources: string[]): string {
  const entries = [...operationSources(sources)];
  const kindOf = (text: string) => (text.startsWith('mutation') ? 'Mutation' : 'Query');
  const texts = entries.map(([name, text]) => `  ${name}: ${JSON.stringify(text)},`).join('\n');
  const types = entries
    .map(([name, text]) => `  ${name}: [${name}${kindOf(text)}, ${name}${kindOf(text)}Variables];`)
    .join('\n');
  return `\n/** Each operation's text, with the fragments it uses. */\nexport const operations = {\n${texts}\n} as const;\n\n/** Each operation's result and variables. */\nexport interface Operations {\n${types}\n}\n`;
}
