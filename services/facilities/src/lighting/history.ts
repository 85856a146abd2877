import { currentActor } from '@gongzhi/platform';
import type { StatusChange } from './lamp-fault.schema';

/** An entry of a status history, by the caller of the request, or by `system` (a sweep) outside requests. */
export function history(status: string, at: Date, note: string | null = null): StatusChange {
  const actor = currentActor();
  return { status, at, note, actorKind: actor.kind === 'anonymous' ? 'system' : actor.kind };
}
