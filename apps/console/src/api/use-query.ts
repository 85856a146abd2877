import { useEffect, useState } from 'react';
import type { Operations } from '../graphql/generated';
import { type ApiError, ApiRequestError, request } from './client';

export interface QueryState<T> {
  loading: boolean;
  data: T | undefined;
  errors: ApiError[];
}

export interface Query<T> extends QueryState<T> {
  /** Reads it again (after an action changed it), keeping what it shows until the answer comes. */
  reload: () => void;
}

/**
 * Runs an operation when its variables change (null: not yet) or on reload(), keeping partial data and per-field
 * errors.
 */
export function useQuery<K extends keyof Operations>(
  name: K,
  variables: Operations[K][1] | null,
  token: string | undefined,
): Query<Operations[K][0]> {
  const [version, setVersion] = useState(0);
  const [state, setState] = useState<QueryState<Operations[K][0]>>({ loading: true, data: undefined, errors: [] });
  const key = JSON.stringify(variables);
  useEffect(() => {
    if (variables === null) return;
    let current = true;
    setState((previous) => ({ ...previous, loading: true }));
    request(name, variables, token).then(
      (result) => current && setState({ loading: false, data: result.data, errors: result.errors }),
      (error: unknown) =>
        current &&
        setState({
          loading: false,
          data: undefined,
          errors: [
            error instanceof ApiRequestError
              ? { message: error.message, code: error.code }
              : { message: String(error), code: 'UNKNOWN' },
          ],
        }),
    );
    return () => {
      current = false;
    };
  }, [name, key, token, version]); // the variables' JSON stands for the variables
  return { ...state, reload: () => setVersion((current) => current + 1) };
}
