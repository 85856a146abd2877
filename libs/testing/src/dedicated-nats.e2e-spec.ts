import { jetstream, jetstreamManager } from '@nats-io/jetstream';
import { connect } from '@nats-io/transport-node';
import { startDedicatedNats } from './dedicated-nats';
import { testEventsNamespace } from './index';

describe('startDedicatedNats', () => {
  it('keeps JetStream streams and messages across a restart on the same URL', async () => {
    const nats = await startDedicatedNats();
    const namespace = testEventsNamespace();
    try {
      let connection = await connect({ servers: nats.url });
      const manager = await jetstreamManager(connection);
      await manager.streams.add({ name: `${namespace}_events`, subjects: [`${namespace}.>`] });
      await jetstream(connection).publish(`${namespace}.created`, 'kept');
      await connection.close();

      await nats.restart();

      connection = await connect({ servers: nats.url });
      const stored = await (await jetstreamManager(connection)).streams.getMessage(`${namespace}_events`, { seq: 1 });
      expect(stored?.string()).toBe('kept');
      await connection.close();
    } finally {
      await nats.stop();
    }
  });
});
