import { DynamicModule, Module } from '@nestjs/common';
import { traceLogFields } from '@gongzhi/telemetry';
import { LoggerModule } from 'nestjs-pino';
import type { IncomingMessage } from 'node:http';
import { REQUEST_ID_HEADER } from '../request-context/request-context';

/**
 * Structured JSON logs (pino) whose every line carries the request id the gateway handed down and, while tracing, the
 * `trace_id` and `span_id` of the span it was written in.
 */
@Module({})
export class LoggingModule {
  static forRoot(options: { serviceName: string; level: string }): DynamicModule {
    return {
      module: LoggingModule,
      imports: [
        LoggerModule.forRoot({
          pinoHttp: {
            level: options.level,
            base: { service: options.serviceName },
            mixin: traceLogFields,
            // requestContextMiddleware runs first and has settled the id by now.
            genReqId: (req: IncomingMessage) => String(req.headers[REQUEST_ID_HEADER]),
            customAttributeKeys: { reqId: 'requestId' },
            // Lines written while handling a request carry `requestId` itself (not the whole req object, where the id
            // hid as req.id); the request-completed line still has the request's method, URL and headers.
            quietReqLogger: true,
            autoLogging: { ignore: (req: IncomingMessage) => req.url?.startsWith('/health') ?? false },
            // Tokens and keys never reach a log line.
            redact: ['req.headers.authorization', 'req.headers["x-api-key"]', 'req.headers.cookie'],
          },
        }),
      ],
    };
  }
}
