import { parseRoute } from './routes';

describe('parseRoute', () => {
  it('reads the page from the hash, the tree by default', () => {
    expect(parseRoute('')).toEqual({ page: 'tree' });
    expect(parseRoute('#/tree')).toEqual({ page: 'tree' });
    expect(parseRoute('#/communities')).toEqual({ page: 'communities' });
    expect(parseRoute('#/community/665f1c2e9b1d4a0012345678')).toEqual({
      page: 'community',
      id: '665f1c2e9b1d4a0012345678',
    });
    expect(parseRoute('#/community/665f1c2e9b1d4a0012345678/motions')).toEqual({
      page: 'motions',
      id: '665f1c2e9b1d4a0012345678',
    });
    expect(parseRoute('#/motion/665f1c2e9b1d4a0087654321')).toEqual({ page: 'motion', id: '665f1c2e9b1d4a0087654321' });
  });

  it('takes no id that is not an id', () => {
    expect(parseRoute('#/community/<script>')).toEqual({ page: 'tree' });
    expect(parseRoute('#/community/')).toEqual({ page: 'tree' });
    expect(parseRoute('#/motion/../x')).toEqual({ page: 'tree' });
  });
});
