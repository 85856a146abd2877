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
  });

  it('takes no id that is not an id', () => {
    expect(parseRoute('#/community/<script>')).toEqual({ page: 'tree' });
    expect(parseRoute('#/community/')).toEqual({ page: 'tree' });
  });
});
