import { isDuplicateKeyError } from '../events/event-collections';
import { DomainError } from '../graphql/domain-error';

/** Runs `write`; a unique-index violation becomes the domain error `toError` gives, anything else passes through. */
export async function refuseDuplicates<T>(write: () => Promise<T>, toError: () => DomainError): Promise<T> {
  try {
    return await write();
  } catch (error) {
    if (isDuplicateKeyError(error)) throw toError();
    throw error;
  }
}
