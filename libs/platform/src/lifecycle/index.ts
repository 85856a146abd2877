// Nest-free, so the gateway imports it as @gongzhi/platform/lifecycle without loading NestJS or mongoose.
export * from './graceful-shutdown';
