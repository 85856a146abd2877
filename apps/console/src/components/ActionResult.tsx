import type { ApiError } from '../api/client';
import { Problems } from './Problems';

/** What an action answered: its refusal as the API's codes in sentences, or the line that says it went through. */
export function ActionResult({
  errors,
  done,
  overrides,
}: {
  errors: ApiError[];
  done?: string;
  overrides?: Record<string, string>;
}) {
  if (errors.length > 0) return <Problems errors={errors} overrides={overrides} />;
  return done ? (
    <p className="done" role="status">
      {done}
    </p>
  ) : null;
}
