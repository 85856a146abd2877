/** The caller's credential was refused. The message is safe to send back: it never carries a library's internals. */
export class AuthenticationError extends Error {
  override readonly name = 'AuthenticationError';
}

/**
 * The gateway could not decide who is calling because something it depends on (the identity provider's keys,
 * organization's person directory) did not answer. Not the caller's fault: answered with 503, never 401.
 */
export class AuthenticationUnavailableError extends Error {
  override readonly name = 'AuthenticationUnavailableError';
}
