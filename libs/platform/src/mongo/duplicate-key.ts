import { DomainError } from '../graphql/domain-error';

const DUPLICATE_KEY = 11000;

/** Runs `write`; a unique-index violation becomes the domain error `toError` gives, anything else passes through. */
export async function refuseDuplicates<T>(write: () => Promise<T>, toError: () => DomainError): Promise<T> {
  try {
    return await write();
  } catch (error) {
    if ((error as { code?: number }).code === DUPLICATE_KEY) throw toError();
    throw error;
  }
}
