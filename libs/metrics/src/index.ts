export * from './bounded-label';
export * from './exposition';
export * from './gateway-metrics';
export * from './subgraph-metrics';
export * from './webhook-metrics';
export * from './catalogue';
