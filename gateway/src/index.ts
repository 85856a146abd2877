// The gateway as a library: what tests and tools use to build one without running main.ts.
export { createGateway, type Gateway, type GatewayOptions } from './server';
export { loadConfig as loadGatewayConfig, type GatewayConfig } from './config';
export { composeSupergraph, type SubgraphSdl } from './supergraph/compose';
