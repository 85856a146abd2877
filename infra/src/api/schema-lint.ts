import { type ConstDirectiveNode, type DocumentNode, Kind, visit } from 'graphql';

/** One naming problem, keyed by a schema coordinate (`Type`, `Type.field`, `Type.field(arg:)`, `Enum.VALUE`). */
export interface LintProblem {
  rule:
    | 'type-pascal-case'
    | 'field-camel-case'
    | 'argument-camel-case'
    | 'enum-value-screaming-snake'
    | 'input-suffix'
    | 'deprecated-reason';
  coordinate: string;
}

export interface DescriptionCounts {
  /** Fields of object, interface and input types without a description. */
  fields: number;
  /** Enum values without a description. */
  enumValues: number;
}

const PASCAL = /^[A-Z][A-Za-z0-9]*$/;
const CAMEL = /^[a-z][A-Za-z0-9]*$/;
const SCREAMING_SNAKE = /^[A-Z][A-Z0-9]*(_[A-Z0-9]+)*$/;

function deprecatedWithoutReason(directives: readonly ConstDirectiveNode[] | undefined): boolean {
  return (directives ?? []).some(
    (directive) =>
      directive.name.value === 'deprecated' &&
      !directive.arguments?.some((argument) => argument.name.value === 'reason'),
  );
}

/**
 * The schema's naming conventions, over an API document (supergraph-schema.ts `apiDocument`): types PascalCase, fields
 * and arguments camelCase, enum values SCREAMING_SNAKE, input types named …Input, `@deprecated` always with a reason.
 */
export function lintSchema(document: DocumentNode): LintProblem[] {
  const problems: LintProblem[] = [];
  for (const definition of document.definitions) {
    if (!('name' in definition) || !definition.name || definition.kind === Kind.DIRECTIVE_DEFINITION) continue;
    const type = definition.name.value;
    if (!PASCAL.test(type)) problems.push({ rule: 'type-pascal-case', coordinate: type });
    if (definition.kind === Kind.INPUT_OBJECT_TYPE_DEFINITION && !type.endsWith('Input'))
      problems.push({ rule: 'input-suffix', coordinate: type });
    if (definition.kind === Kind.ENUM_TYPE_DEFINITION) {
      for (const value of definition.values ?? []) {
        const coordinate = `${type}.${value.name.value}`;
        if (!SCREAMING_SNAKE.test(value.name.value)) problems.push({ rule: 'enum-value-screaming-snake', coordinate });
        if (deprecatedWithoutReason(value.directives)) problems.push({ rule: 'deprecated-reason', coordinate });
      }
    }
    if (
      definition.kind === Kind.OBJECT_TYPE_DEFINITION ||
      definition.kind === Kind.INTERFACE_TYPE_DEFINITION ||
      definition.kind === Kind.INPUT_OBJECT_TYPE_DEFINITION
    ) {
      for (const field of definition.fields ?? []) {
        const coordinate = `${type}.${field.name.value}`;
        if (!CAMEL.test(field.name.value)) problems.push({ rule: 'field-camel-case', coordinate });
        if (deprecatedWithoutReason(field.directives)) problems.push({ rule: 'deprecated-reason', coordinate });
        for (const argument of 'arguments' in field ? (field.arguments ?? []) : []) {
          const argumentCoordinate = `${coordinate}(${argument.name.value}:)`;
          if (!CAMEL.test(argument.name.value))
            problems.push({ rule: 'argument-camel-case', coordinate: argumentCoordinate });
          if (deprecatedWithoutReason(argument.directives))
            problems.push({ rule: 'deprecated-reason', coordinate: argumentCoordinate });
        }
      }
    }
  }
  return problems;
}

/** How much of the schema still lacks a description: reported, and held by a ratchet (it may only go down). */
export function countUndescribed(document: DocumentNode): DescriptionCounts {
  const counts: DescriptionCounts = { fields: 0, enumValues: 0 };
  visit(document, {
    FieldDefinition: (node) => void (node.description ? undefined : counts.fields++),
    EnumValueDefinition: (node) => void (node.description ? undefined : counts.enumValues++),
  });
  // Input fields count as fields; arguments are not counted yet.
  for (const definition of document.definitions) {
    if (definition.kind === Kind.INPUT_OBJECT_TYPE_DEFINITION)
      counts.fields += (definition.fields ?? []).filter((field) => !field.description).length;
  }
  return counts;
}
