export * from './clock';
export * from './scheduler';
export * from './sweep';
