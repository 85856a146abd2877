import type { ApolloServerPlugin } from '@apollo/server';
import type { RequestHandler, Response } from 'express';
import type { Logger } from 'pino';
import type { GatewayContext, RequestLogFields } from '../context';
import { requestIdOf } from './request-id';

export interface RequestLogOptions {
  logger: Logger;
  /** Paths logged at debug rather than info, so probes do not drown the log. Default: /health/*. */
  quietPaths?: RegExp;
}

/**
 * One JSON line per HTTP request: request id, method, path, status, the caller's address, duration, operation name and
 * type, error codes.
 * Never the query string, variables, headers or tokens. Mount `middleware` after useRequestId and add `plugin` to
 * Apollo Server, which records the operation into the per-request fields.
 */
export function useRequestLog({ logger, quietPaths = /^\/health\// }: RequestLogOptions): {
  middleware: RequestHandler;
  plugin: ApolloServerPlugin<GatewayContext>;
} {
  const middleware: RequestHandler = (req, res, next) => {
    const started = process.hrtime.bigint();
    // Read now: routers rewrite req.url while they run. req.path never includes the query string (GET variables).
    const path = req.path;
    const fields: RequestLogFields = {};
    res.locals.requestLog = fields;
    res.once('close', () => {
      const line = {
        requestId: requestIdOf(res),
        method: req.method,
        path,
        status: res.statusCode,
        // The caller's address: the socket's, or what the trusted hops forwarded (TRUST_PROXY, TRUSTED_PROXIES).
        clientAddress: req.ip,
        durationMs: Number(process.hrtime.bigint() - started) / 1e6,
        ...fields,
      };
      if (quietPaths.test(path)) logger.debug(line, 'request');
      else logger.info(line, 'request');
    });
    next();
  };

  const plugin: ApolloServerPlugin<GatewayContext> = {
    async requestDidStart() {
      return {
        async didResolveOperation({ contextValue, operationName, operation }) {
          contextValue.requestLog.operationName = operationName ?? undefined;
          contextValue.requestLog.operationType = operation?.operation;
        },
        async willSendResponse({ contextValue, response }) {
          const errors = response.body.kind === 'single' ? response.body.singleResult.errors : undefined;
          if (errors?.length) contextValue.requestLog.errorCodes = errors.map((e) => String(e.extensions?.code));
        },
      };
    },
  };

  return { middleware, plugin };
}

export function requestLogOf(res: Response): RequestLogFields {
  return res.locals.requestLog as RequestLogFields;
}
