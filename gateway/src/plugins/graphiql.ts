import type { renderGraphiQL } from '@graphql-yoga/render-graphiql';
import type { RequestHandler } from 'express';
import { ideContentSecurityPolicy } from './security-headers';

export interface GraphiQLOptions {
  /** Where the IDE sends operations. Default: /graphql. */
  endpoint?: string;
  /** Browser tab title. Default: "Gongzhi GraphQL". */
  title?: string;
}

/**
 * Express middleware serving an in-browser GraphQL IDE to browsers (GET preferring text/html); other requests pass on.
 * The page is self-contained: @graphql-yoga/render-graphiql inlines GraphiQL's scripts, styles and Monaco workers
 * (about 9 MB, rendered once), so nothing loads from a CDN. Mount in development only. The package is required at
 * the first page, not at start: its 9 MB of source would otherwise sit in every gateway's heap (about 14 MB),
 * production's included, where the IDE is never served.
 */
export function useGraphiQL({
  endpoint = '/graphql',
  title = 'Gongzhi GraphQL',
}: GraphiQLOptions = {}): RequestHandler {
  let page: string | undefined;
  return (req, res, next) => {
    // text/html listed last, as Apollo does, so a client accepting anything (*/*) still gets JSON.
    if (
      req.method !== 'GET' ||
      req.accepts(['application/json', 'application/graphql-response+json', 'text/html']) !== 'text/html'
    ) {
      next();
      return;
    }
    if (page === undefined) {
      // eslint-disable-next-line @typescript-eslint/no-require-imports
      const render = require('@graphql-yoga/render-graphiql') as { renderGraphiQL: typeof renderGraphiQL };
      page = render.renderGraphiQL({ endpoint, title });
    }
    // The page's own CSP, in place of the API's allow-nothing one.
    ideContentSecurityPolicy(req, res, () => res.type('html').send(page));
  };
}
