import { useRef, useState } from 'react';
import type { Operations } from '../graphql/generated';
import { type ApiError, ApiRequestError, request } from './client';
import { IdempotencyKeys } from './idempotency';

export interface MutationState<T> {
  pending: boolean;
  /** The answer of the last change that went through. */
  data: T | undefined;
  /** Why the last change was refused (the API's codes; messageFor words them). */
  errors: ApiError[];
}

/**
 * Runs one of the console's mutations with an Idempotency-Key per intended change; resolves to the answer's data
 * when it went through (undefined when refused, the errors then in the state) so the caller can refresh what it shows.
 */
export function useMutation<K extends keyof Operations>(name: K, token: string | undefined) {
  const keys = useRef(new IdempotencyKeys());
  const [state, setState] = useState<MutationState<Operations[K][0]>>({ pending: false, data: undefined, errors: [] });
  const run = async (variables: Operations[K][1]): Promise<Operations[K][0] | undefined> => {
    const key = keys.current.keyFor(variables);
    setState((previous) => ({ ...previous, pending: true, errors: [] }));
    try {
      const result = await request(name, variables, token, undefined, key);
      keys.current.answered(result.errors[0]?.code);
      const done = result.errors.length === 0 ? result.data : undefined;
      setState({ pending: false, data: done, errors: result.errors });
      return done;
    } catch (error) {
      const apiError =
        error instanceof ApiRequestError
          ? { message: error.message, code: error.code }
          : { message: String(error), code: 'UNKNOWN' };
      keys.current.answered(apiError.code);
      setState({ pending: false, data: undefined, errors: [apiError] });
      return undefined;
    }
  };
  return { ...state, run };
}
