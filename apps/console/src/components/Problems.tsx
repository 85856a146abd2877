import type { ApiError } from '../api/client';
import { messageFor } from '../api/messages';

/**
 * The errors of an answer, each once, as clear sentences (role="alert" so they are announced); `overrides` words a
 * code for one action (messageFor).
 */
export function Problems({ errors, overrides }: { errors: ApiError[]; overrides?: Record<string, string> }) {
  const messages = [...new Set(errors.map((error) => messageFor(error, overrides)))];
  if (messages.length === 0) return null;
  return (
    <div className="problems" role="alert">
      {messages.map((message) => (
        <p key={message}>{message}</p>
      ))}
    </div>
  );
}
