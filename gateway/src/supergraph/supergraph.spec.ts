import { checkSupergraph } from './compose';

// CI guard (convention 2): the committed supergraph must compose and match the subgraphs' committed SDL.
describe('gateway/supergraph/supergraph.graphql', () => {
  it('composes from subgraphs.json and is up to date', async () => {
    const result = await checkSupergraph();
    if (result.status !== 'fresh') throw new Error(result.message);
  });
});
