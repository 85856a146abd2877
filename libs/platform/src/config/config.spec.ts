import { ConfigurationError, loadConfig, serviceConfigSchema } from './config';

const organizationConfig = serviceConfigSchema.extend({ PORT: serviceConfigSchema.shape.PORT.default(4001) });

describe('loadConfig', () => {
  it('applies defaults for a minimal valid environment', () => {
    const config = loadConfig(organizationConfig, { MONGODB_URI: 'mongodb://127.0.0.1:27017/?replicaSet=gongzhi' });
    expect(config).toMatchObject({ PORT: 4001, NODE_ENV: 'development', EVENTS_NAMESPACE: 'gongzhi' });
  });

  it('names every missing or malformed variable at once', () => {
    let error: unknown;
    try {
      loadConfig(organizationConfig, { PORT: 'abc', EVENTS_NAMESPACE: 'Xietang Street' });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ConfigurationError);
    const message = (error as Error).message;
    expect(message).toContain('MONGODB_URI: is required');
    expect(message).toContain('PORT');
    expect(message).toContain('EVENTS_NAMESPACE: must be lowercase');
  });
});
