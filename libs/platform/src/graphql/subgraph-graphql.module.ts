import type { SubgraphMetrics } from '@gongzhi/metrics';
import { ApolloServerPluginInlineTraceDisabled } from '@apollo/server/plugin/disabled';
import { ApolloFederationDriver, ApolloFederationDriverConfig } from '@nestjs/apollo';
import { DynamicModule, Module } from '@nestjs/common';
import { GraphQLModule } from '@nestjs/graphql';
import { currentActor } from '../request-context/request-context';
import { cacheControlDirective, cacheControlPlugins } from './entity-cache-hints';
import { errorCodeOf, formatSubgraphError } from './format-error';
import { GraphQLRequestContext, RequestLoaders } from './request-loaders';

export interface SubgraphGraphQLOptions {
  /** Entity types no query returns directly must still be in the schema for the gateway to resolve them. */
  // eslint-disable-next-line @typescript-eslint/no-unsafe-function-type -- @nestjs/graphql types orphanedTypes as Function[]
  orphanedTypes?: Function[];
  /** Counts the errors of every response by code (`gongzhi_graphql_resolver_errors_total`). */
  metrics?: SubgraphMetrics;
}

/** Federation 2 code-first subgraph, with a fresh set of DataLoaders in every request's context. */
@Module({})
export class SubgraphGraphQLModule {
  static forRoot(options: SubgraphGraphQLOptions = {}): DynamicModule {
    return {
      module: SubgraphGraphQLModule,
      imports: [
        GraphQLModule.forRoot<ApolloFederationDriverConfig>({
          driver: ApolloFederationDriver,
          autoSchemaFile: { federation: 2 },
          sortSchema: true,
          playground: false,
          includeStacktraceInErrorResponses: false,
          buildSchemaOptions: { orphanedTypes: options.orphanedTypes ?? [], directives: [cacheControlDirective] },
          // Guards run on field and reference resolvers too: a nested field is as much a way in as a query.
          fieldResolverEnhancers: ['guards'],
          context: ({ req }: { req: GraphQLRequestContext['req'] }): GraphQLRequestContext => ({
            req,
            loaders: new RequestLoaders(),
            actor: currentActor(),
          }),
          formatError: (formatted) => {
            options.metrics?.resolverErrors.inc({ code: errorCodeOf(formatted) });
            return formatSubgraphError(formatted);
          },
          // No ftv1 traces between gateway and subgraphs: they cost every request and nothing here reads them.
          // `@cacheControl` hints of entity types apply to the gateway's entity fetches too (its response cache).
          plugins: [ApolloServerPluginInlineTraceDisabled(), ...cacheControlPlugins()],
        }),
      ],
    };
  }
}
