import path from 'node:path';
import { manifestNodeOptions, memoryVariants } from './memory';

describe('the memory bench variants', () => {
  it('starts the gateway with the NODE_OPTIONS of its Deployment, as Kubernetes does', () => {
    expect(manifestNodeOptions(path.resolve(__dirname, '../../..'))).toMatch(/--max-old-space-size=\d+/);
  });

  it('varies only the old space for each --old-space ceiling, and takes --node-options whole', () => {
    const manifest = '--max-old-space-size=460 --max-semi-space-size=4';
    expect(memoryVariants(manifest, [160], ['--v8-pool-size=1'])).toEqual([
      { label: 'V8 default', nodeOptions: '' },
      { label: 'Deployment', nodeOptions: manifest },
      { label: 'old space 160', nodeOptions: '--max-old-space-size=160 --max-semi-space-size=4' },
      { label: 'given 1', nodeOptions: '--v8-pool-size=1' },
    ]);
    expect(memoryVariants('', [256], [])).toEqual([
      { label: 'V8 default', nodeOptions: '' },
      { label: 'old space 256', nodeOptions: '--max-old-space-size=256' },
    ]);
  });
});
