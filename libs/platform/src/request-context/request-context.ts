import { AsyncLocalStorage } from 'node:async_hooks';
import { randomUUID } from 'node:crypto';
import { ANONYMOUS, type Actor, REQUEST_ID_HEADER, REQUEST_ID_PATTERN } from '@gongzhi/contracts';

/** What every log line, event and downstream call of one request needs to know about it. */
export interface RequestContext {
  requestId: string;
  /** Who is calling, from the gateway's internal token; absent outside requests (event handlers). */
  actor?: Actor;
  /** What the caller said the request is for (`X-Purpose` at the gateway). */
  purpose?: string;
  /** Epoch ms after which the gateway has given up on the request: writes not committed by then are abandoned. */
  deadline?: number;
  /** Says on the response that this request left an access-audit entry (`AUDITED_READ_HEADER`). */
  markAuditedRead?: () => void;
}

const storage = new AsyncLocalStorage<RequestContext>();

export { REQUEST_ID_HEADER };

/** Accepts a caller's request id only when it is short and plain, so it cannot forge log lines. */
export function requestIdFrom(header: unknown): string {
  return typeof header === 'string' && REQUEST_ID_PATTERN.test(header) ? header : randomUUID();
}

export function runWithRequestContext<T>(context: RequestContext, fn: () => T): T {
  return storage.run(context, fn);
}

export function currentRequestId(): string | undefined {
  return storage.getStore()?.requestId;
}

/** The caller of the current request; anonymous when there is none, so a forgotten check never grants more. */
export function currentActor(): Actor {
  return storage.getStore()?.actor ?? ANONYMOUS;
}

export function currentPurpose(): string | undefined {
  return storage.getStore()?.purpose;
}

/** Marks the current request's response as one that left an access-audit entry; nothing outside a request. */
export function markAuditedRead(): void {
  storage.getStore()?.markAuditedRead?.();
}

/** When the gateway stops waiting for the current request (epoch ms); undefined outside a request with a deadline. */
export function currentDeadline(): number | undefined {
  return storage.getStore()?.deadline;
}

const requestScopedValues = new WeakMap<RequestContext, Map<object, unknown>>();

/**
 * The value `owner` keeps for the current request, made by `create` on first use and dropped with the request (a
 * per-request batch, say). Outside a request every call makes a fresh one.
 */
export function requestScoped<T>(owner: object, create: () => T): T {
  const context = storage.getStore();
  if (!context) return create();
  let values = requestScopedValues.get(context);
  if (!values) requestScopedValues.set(context, (values = new Map<object, unknown>()));
  if (!values.has(owner)) values.set(owner, create());
  return values.get(owner) as T;
}
