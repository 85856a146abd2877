import { redactCredentials, resolveMongod } from './resolve-mongod';

describe('resolveMongod', () => {
  it('uses MONGODB_URI as an external server, launches nothing and says so in one line without credentials', async () => {
    const lines: string[] = [];
    const resolution = await resolveMongod({
      stateDir: '/nonexistent',
      env: { MONGODB_URI: 'mongodb://admin:secret@db.example:27017/?replicaSet=rs0' },
      log: (line) => lines.push(line),
    });
    expect(resolution).toMatchObject({
      route: 'external',
      uri: 'mongodb://admin:secret@db.example:27017/?replicaSet=rs0',
    });
    expect(lines).toEqual([
      'mongodb: using the external server from MONGODB_URI (mongodb://***@db.example:27017/?replicaSet=rs0), nothing launched',
    ]);
  });

  it('leaves connection strings without credentials unchanged', () => {
    expect(redactCredentials('mongodb://127.0.0.1:27017/?replicaSet=rs0')).toBe(
      'mongodb://127.0.0.1:27017/?replicaSet=rs0',
    );
  });
});
