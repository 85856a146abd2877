import { memoryStorage } from './memory-storage';
import { loadSession, saveSession } from './session';

describe('the tab’s session', () => {
  const user = { subject: 'demo:resident', name: '罗淑芬', role: 'RESIDENT', unit: '3幢楼道党小组' };

  it('is kept and read back, and signing out forgets it', () => {
    const storage = memoryStorage();
    saveSession({ token: 'tok', user }, storage);
    expect(loadSession(storage)).toEqual({ token: 'tok', user });
    saveSession(undefined, storage);
    expect(loadSession(storage)).toBeUndefined();
  });

  it('is nobody when what is stored is not a session', () => {
    const storage = memoryStorage();
    storage.items.set('gongzhi.console.session', '{not json');
    expect(loadSession(storage)).toBeUndefined();
    storage.items.set('gongzhi.console.session', JSON.stringify({ user }));
    expect(loadSession(storage)).toBeUndefined();
  });
});
