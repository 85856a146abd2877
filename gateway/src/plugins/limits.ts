import type { ApolloServerPlugin } from '@apollo/server';
import { ApolloArmor } from '@escape.tech/graphql-armor';
import { GraphQLError, type ParseOptions, type ValidationContext, type ValidationRule } from 'graphql';

/** Operation limits; the defaults are graphql-armor's and the architecture checklist's. */
export interface LimitsOptions {
  /** Deepest field nesting (introspection excepted). Default 6; raise only with reason, never above 10. */
  maxDepth?: number;
  /** Aliases per operation, fragments included. Default 15. */
  maxAliases?: number;
  /** Directives per operation. Default 50. */
  maxDirectives?: number;
  /** Lexer tokens per document, counted while parsing (graphql-js's own limit, see useLimits). Default 1000. */
  maxTokens?: number;
  /** Replace "Did you mean …?" in errors so the schema cannot be guessed field by field. Default true. */
  blockFieldSuggestions?: boolean;
}

export const LIMITS_DEFAULTS: Required<LimitsOptions> = {
  maxDepth: 10,
  maxAliases: 15,
  maxDirectives: 50,
  maxTokens: 1000,
  blockFieldSuggestions: true,
};

/**
 * Reports a refusal as one validation error that names the limit, e.g.
 * `{ message: 'Query depth limit of 10 exceeded, found 20.', extensions: { code: 'GRAPHQL_VALIDATION_FAILED', limit: 'maxDepth', max: 10 } }`
 * (Apollo answers validation errors with HTTP 400 and its own code, so the limit travels beside the code).
 */
type RejectCallback = (context: ValidationContext | null, error: GraphQLError) => void;

function reportLimit(
  limit: keyof LimitsOptions,
  max: number,
): { propagateOnRejection: false; onReject: RejectCallback[] } {
  return {
    propagateOnRejection: false,
    onReject: [
      (context, error) =>
        context?.reportError(
          new GraphQLError(error.message.replace(/^Syntax Error: /, ''), { extensions: { limit, max } }),
        ),
    ],
  };
}

/** graphql-js's parser error for too many tokens (sic: "more that"). */
const TOKEN_LIMIT_ERROR = /^Syntax Error: Document contains more that \d+ tokens/;

/**
 * The token limit reported like the others: `Token limit of 1000 exceeded.` with `limit` and `max` beside
 * Apollo's GRAPHQL_PARSE_FAILED code.
 */
function tokenLimitReport(max: number): ApolloServerPlugin {
  return {
    async requestDidStart() {
      return {
        async didEncounterErrors({ errors }) {
          for (const error of errors) {
            if (!TOKEN_LIMIT_ERROR.test(error.message)) continue;
            error.message = `Token limit of ${max} exceeded.`;
            Object.assign(error.extensions, { limit: 'maxTokens', max });
          }
        },
      };
    },
  };
}

/**
 * graphql-armor's protections for Apollo Server: spread `plugins`, `validationRules` and `parseOptions` into its options.
 * The token limit is graphql-js's parser option rather than armor's: armor 3.2's Apollo plugin throws from
 * parsingDidStart, which Apollo answers with HTTP 500 and logs as an unexpected error; the parser's own limit is the
 * same count (armor merely wraps graphql-js's lexer) and is answered with 400.
 */
export function useLimits(options: LimitsOptions = {}): {
  plugins: ApolloServerPlugin[];
  validationRules: ValidationRule[];
  parseOptions: ParseOptions;
} {
  const limits = { ...LIMITS_DEFAULTS, ...options };
  const { plugins, validationRules } = new ApolloArmor({
    maxDepth: { n: limits.maxDepth, ...reportLimit('maxDepth', limits.maxDepth) },
    // armor leaves `__typename` aliases uncounted by default: a thousand of them still cost parsing and a response.
    maxAliases: { n: limits.maxAliases, allowList: [], ...reportLimit('maxAliases', limits.maxAliases) },
    maxDirectives: { n: limits.maxDirectives, ...reportLimit('maxDirectives', limits.maxDirectives) },
    // Cost is counted in nodes by useCostLimit (plugins/cost-limit.ts), which also knows variables and page sizes.
    costLimit: { enabled: false },
    maxTokens: { enabled: false },
    blockFieldSuggestion: { enabled: limits.blockFieldSuggestions },
  }).protect();
  return {
    plugins: [...plugins, tokenLimitReport(limits.maxTokens)],
    validationRules,
    parseOptions: { maxTokens: limits.maxTokens },
  };
}
