/** A UUID v4 from the browser's cryptographic generator (randomUUID needs a secure context; this does not). */
export function newIdempotencyKey(
  random: (bytes: Uint8Array) => Uint8Array = (bytes) => crypto.getRandomValues(bytes),
): string {
  const bytes = random(new Uint8Array(16));
  bytes[6] = (bytes[6] & 0x0f) | 0x40;
  bytes[8] = (bytes[8] & 0x3f) | 0x80;
  const hex = [...bytes].map((byte) => byte.toString(16).padStart(2, '0')).join('');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

/**
 * The codes after which a mutation may or may not have been applied, or did not run yet: the same request is sent
 * again with the same key, and the gateway answers the first one's outcome instead of applying it twice.
 */
const RETRY_WITH_SAME_KEY = new Set([
  'NETWORK',
  'HTTP_ERROR',
  'DEADLINE_EXCEEDED',
  'IDEMPOTENCY_KEY_IN_PROGRESS',
  'OUTCOME_UNKNOWN',
]);

/**
 * One key per intended change (docs/api-conventions.md): the same variables sent again after an answer that did not
 * say what happened keep their key; anything else — other variables, or after a clear answer — is a new change with
 * a new key (reusing one for other variables is refused with IDEMPOTENCY_KEY_REUSED).
 */
export class IdempotencyKeys {
  private last: { variables: string; key: string; settled: boolean } | undefined;

  constructor(private readonly make: () => string = () => newIdempotencyKey()) {}

  keyFor(variables: unknown): string {
    const json = JSON.stringify(variables);
    if (this.last && !this.last.settled && this.last.variables === json) return this.last.key;
    this.last = { variables: json, key: this.make(), settled: false };
    return this.last.key;
  }

  /** What the last request's answer was: a clear one (done or refused) settles its key; the others keep it. */
  answered(code: string | undefined): void {
    if (this.last && !(code && RETRY_WITH_SAME_KEY.has(code))) this.last.settled = true;
  }
}
