import type { ApiError } from '../api/client';
import { messageFor } from '../api/messages';

/** The errors of an answer, each once, as clear sentences (role="alert" so they are announced). */
export function Problems({ errors }: { errors: ApiError[] }) {
  const messages = [...new Set(errors.map(messageFor))];
  if (messages.length === 0) return null;
  return (
    <div className="problems" role="alert">
      {messages.map((message) => (
        <p key={message}>{message}</p>
      ))}
    </div>
  );
}
