import { notFoundCode } from '@gongzhi/contracts';
import { GraphQLError } from 'graphql';

/**
 * An error the client is meant to act on. `code` is stable (`ORG_UNIT.TIER_MISMATCH`) and reaches the client as
 * `extensions.code`; `details` carries machine-readable specifics (the offending field, the expected tier…).
 */
export class DomainError extends GraphQLError {
  constructor(
    readonly code: string,
    message: string,
    readonly details: Record<string, unknown> = {},
  ) {
    super(message, { extensions: { code, ...details } });
    this.name = 'DomainError';
  }
}

/** Input that fails validation: one error naming every offending field. */
export class InvalidInputError extends DomainError {
  constructor(fields: { field: string; problem: string }[]) {
    super('BAD_USER_INPUT', `Invalid input: ${fields.map((f) => `${f.field} ${f.problem}`).join('; ')}`, { fields });
  }
}

export class NotFoundError extends DomainError {
  constructor(entity: string, id: string, code = notFoundCode(entity)) {
    super(code, `${entity} ${id} does not exist`, { id });
  }
}
