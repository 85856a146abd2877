/** What the gateway knows about one GraphQL request; built per request from the HTTP layer. */
export interface GatewayContext {
  requestId: string;
  /** Filled in while the operation runs and logged once the response is sent. */
  requestLog: RequestLogFields;
}

export interface RequestLogFields {
  operationName?: string;
  operationType?: string;
  errorCodes?: string[];
}
