import { DynamicModule, Module } from '@nestjs/common';
import { LoggerModule } from 'nestjs-pino';
import type { IncomingMessage } from 'node:http';
import { REQUEST_ID_HEADER } from '../request-context/request-context';

/** Structured JSON logs (pino) whose every line carries the request id the gateway handed down. */
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
            // requestContextMiddleware runs first and has settled the id by now.
            genReqId: (req: IncomingMessage) => String(req.headers[REQUEST_ID_HEADER]),
            customAttributeKeys: { reqId: 'requestId' },
            autoLogging: { ignore: (req: IncomingMessage) => req.url?.startsWith('/health') ?? false },
            // Tokens and keys never reach a log line.
            redact: ['req.headers.authorization', 'req.headers["x-api-key"]', 'req.headers.cookie'],
          },
        }),
      ],
    };
  }
}
