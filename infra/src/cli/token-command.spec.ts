import { existsSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { PassThrough } from 'node:stream';
import { decodeJwt } from 'jose';
import { tokenCommand } from './token-command';

function capture() {
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  const text = (stream: PassThrough) => () => String(stream.read() ?? '');
  return { output: { stdout, stderr }, stdoutText: text(stdout), stderrText: text(stderr) };
}

describe('token command', () => {
  const repoRoot = mkdtempSync(path.join(os.tmpdir(), 'gongzhi-token-'));

  it('prints the token alone on stdout, hints on stderr, keys under .gongzhi/keys', async () => {
    const { output, stdoutText, stderrText } = capture();
    expect(await tokenCommand(repoRoot, ['demo:zhang-wei', '张伟'], output)).toBe(0);
    const printed = stdoutText();
    expect(printed).toMatch(/^[\w-]+\.[\w-]+\.[\w-]+\n$/);
    expect(decodeJwt(printed.trim())).toMatchObject({
      sub: 'demo:zhang-wei',
      name: '张伟',
      iss: 'gongzhi-dev-issuer',
      aud: 'gongzhi',
    });
    expect(stderrText()).toContain('AUTH_JWKS_PATH=.gongzhi/keys/dev-issuer.jwks.json AUTH_ISSUER=gongzhi-dev-issuer');
    expect(existsSync(path.join(repoRoot, '.gongzhi', 'keys', 'dev-issuer.private.jwk.json'))).toBe(true);
  });

  it.each([[[]], [['张伟']], [['demo zhang']], [['x'.repeat(129)]], [['demo:zhang-wei', '张伟', 'extra']]])(
    'refuses %j with usage on stderr and nothing on stdout',
    async (args) => {
      const { output, stdoutText, stderrText } = capture();
      expect(await tokenCommand(repoRoot, args, output)).toBe(2);
      expect(stdoutText()).toBe('');
      expect(stderrText()).toMatch(/^usage: npm run token -- <subject> \[name\]/);
    },
  );

  it('accepts the subjects identity providers use', async () => {
    for (const subject of ['auth0|5f3c9a', 'li.na@songyuan.example', 'demo:wang_fang-2']) {
      const { output, stdoutText } = capture();
      expect(await tokenCommand(repoRoot, [subject], output)).toBe(0);
      expect(decodeJwt(stdoutText().trim()).sub).toBe(subject);
    }
  });

  describe('with organization built', () => {
    const builtRoot = mkdtempSync(path.join(os.tmpdir(), 'gongzhi-token-built-'));
    beforeAll(() => {
      const demoDir = path.join(builtRoot, 'services', 'organization', 'dist', 'demo');
      mkdirSync(demoDir, { recursive: true });
      const users = [
        { subject: 'demo:building-leader', name: '张伟', description: '3幢楼道党小组 leader in 淞泽家园七区' },
      ];
      writeFileSync(path.join(demoDir, 'demo-users.js'), `exports.DEMO_USERS = ${JSON.stringify(users)};`);
    });

    it('lists the demo users with the usage', async () => {
      const { output, stderrText } = capture();
      expect(await tokenCommand(builtRoot, [], output)).toBe(2);
      expect(stderrText()).toContain('demo:building-leader       张伟  3幢楼道党小组 leader in 淞泽家园七区');
    });

    it('signs a demo user under their name, and says when a subject is no demo user', async () => {
      const known = capture();
      expect(await tokenCommand(builtRoot, ['demo:building-leader'], known.output)).toBe(0);
      expect(decodeJwt(known.stdoutText().trim()).name).toBe('张伟');
      expect(known.stderrText()).not.toContain('no demo user');
      const stranger = capture();
      expect(await tokenCommand(builtRoot, ['demo:nobody'], stranger.output)).toBe(0);
      expect(stranger.stderrText()).toContain('demo:nobody is no demo user');
    });
  });
});
