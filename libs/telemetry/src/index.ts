export * from './tracing';
export * from './log-fields';
export * from './propagation';
