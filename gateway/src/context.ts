import type { Actor } from '@gongzhi/contracts';
import type { PartnerMeter } from './auth/authenticate';

/** What the gateway knows about one GraphQL request; built per request from the HTTP layer. */
export interface GatewayContext {
  requestId: string;
  /** The verified caller; subgraphs receive it in the internal token, never the caller's own credentials. */
  actor: Actor;
  /** What the caller says the request is for (`X-Purpose`), kept in the audit of sensitive reads. */
  purpose?: string;
  /** A partner key's request: what spends the query's cost from the key's points (useCostLimit). */
  partnerMeter?: PartnerMeter;
  /** Filled in while the operation runs and logged once the response is sent. */
  requestLog: RequestLogFields;
}

export interface RequestLogFields {
  operationName?: string;
  operationType?: string;
  errorCodes?: string[];
}
