/** What an operation label says when the client sent no operation name, or the request never got to one. */
export const ANONYMOUS_OPERATION = 'anonymous';
export const OTHER_OPERATION = 'other';

/**
 * Clients choose operation names, so an operation label could grow without end (and a hostile client could make it).
 * This keeps the first `max` distinct names seen by the process and folds every later one into `other`. Names that
 * are not GraphQL names (they cannot be: the operation resolved) or are too long fold as well.
 */
export class BoundedLabel {
  private readonly seen = new Set<string>();

  constructor(private readonly max: number) {}

  valueOf(name: string | null | undefined): string {
    if (!name) return ANONYMOUS_OPERATION;
    if (this.seen.has(name)) return name;
    if (this.seen.size >= this.max || name.length > 64 || !/^[_A-Za-z][_0-9A-Za-z]*$/.test(name))
      return OTHER_OPERATION;
    this.seen.add(name);
    return name;
  }
}
