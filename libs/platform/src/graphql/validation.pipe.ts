import { type ArgumentMetadata, ValidationError, ValidationPipe } from '@nestjs/common';
import { InvalidInputError } from './domain-error';
import { stringsWithForbiddenCharacters } from './input-rules';

function flatten(errors: ValidationError[], prefix = ''): { field: string; problem: string }[] {
  return errors.flatMap((error) => {
    const field = prefix ? `${prefix}.${error.property}` : error.property;
    const own = Object.values(error.constraints ?? {}).map((problem) => ({
      field,
      problem: problem.replace(`${error.property} `, ''),
    }));
    return [...own, ...flatten(error.children ?? [], field)];
  });
}

/**
 * class-validator on every argument and input type, then one rule for every string argument and input field alike:
 * no control or bidirectional-override characters (input-rules.ts). Failures become one BAD_USER_INPUT error.
 */

class SubgraphValidationPipe extends ValidationPipe {
  override async transform(value: unknown, metadata: ArgumentMetadata): Promise<unknown> {
    const transformed: unknown = await super.transform(value, metadata);
    // @nestjs/graphql hands @Args to pipes as 'body'; the parent, context and info are 'custom' and not the client's.
    if (metadata.type !== 'body') return transformed;
    // Paths relative to the argument, as class-validator's own errors name them (`name`, `members.0.name`).
    const offending = stringsWithForbiddenCharacters(transformed).map((path) => path || (metadata.data ?? 'input'));
    if (offending.length > 0) {
      throw new InvalidInputError(
        offending.map((field) => ({ field, problem: 'must not contain control or bidirectional-override characters' })),
      );
    }
    return transformed;
  }
}

export function createValidationPipe(): ValidationPipe {
  return new SubgraphValidationPipe({
    transform: true,
    whitelist: true,
    exceptionFactory: (errors) => new InvalidInputError(flatten(errors)),
  });
}
