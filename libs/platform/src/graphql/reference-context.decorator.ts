import { ExecutionContext, createParamDecorator } from '@nestjs/common';
import type { GraphQLResolveInfo } from 'graphql';
import type { GraphQLRequestContext } from './request-loaders';

/**
 * The request context inside a `@ResolveReference()` method. @apollo/subgraph calls reference resolvers as
 * (reference, context, info) while Nest's @Context() reads the fourth-argument layout of field resolvers
 * (root, args, context, info) — so there it would hand over `info`. Use `@Parent()` for the reference itself.
 */
export const ReferenceContext = createParamDecorator(
  (_data: unknown, execution: ExecutionContext): GraphQLRequestContext =>
    execution.getArgByIndex<GraphQLRequestContext>(1),
);

/** The `info` inside a `@ResolveReference()` method (the `_entities` field), where Nest's @Info() would find nothing. */
export const ReferenceInfo = createParamDecorator((_data: unknown, execution: ExecutionContext): GraphQLResolveInfo =>
  execution.getArgByIndex<GraphQLResolveInfo>(2),
);
