/**
 * Issue 12, "partial data, never less": a field that only another subgraph can fill in (a lamp's community, whose
 * name organization knows) or a root list of a subgraph that may be down is nullable, so that one dead subgraph costs
 * only its own fields and never the healthy parent around them. Its description says when it is null.
 */
export function nullWhileDown(description: string, subgraph: string): string {
  return `${description} Null, with an error naming ${subgraph}, only while ${subgraph} cannot answer.`;
}
