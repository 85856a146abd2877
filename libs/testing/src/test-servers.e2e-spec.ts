import mongoose from 'mongoose';
import { testDatabaseName, testEventsNamespace, testMongoUri, testNatsUrl } from './index';

describe('the run-wide test servers', () => {
  it('give each test file its own database and events namespace', () => {
    expect(testDatabaseName('orgs')).toMatch(/^orgs_[0-9a-f]{10}$/);
    expect(testDatabaseName('orgs')).toBe(testDatabaseName('orgs'));
    expect(testEventsNamespace()).toMatch(/^[a-z0-9]+$/);
    expect(testMongoUri()).not.toMatch(/\/\w+\?/); // no database in the path
    expect(testNatsUrl()).toMatch(/^nats:\/\//);
  });

  it('serve a replica set that runs mongoose transactions', async () => {
    const connection = await mongoose.createConnection(testMongoUri(), { dbName: testDatabaseName() }).asPromise();
    try {
      const Note = connection.model('Note', new mongoose.Schema({ text: String }));
      await Note.createCollection();
      await connection.transaction(async (session) => {
        await Note.create([{ text: 'in a transaction' }], { session });
      });
      expect(await Note.countDocuments()).toBe(1);
      await connection.dropDatabase();
    } finally {
      await connection.close();
    }
  });
});
