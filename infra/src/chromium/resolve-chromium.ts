import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { findOrAptInstall } from '../process/find-or-install';

/** Debian's smallest font with Chinese glyphs (WenQuanYi Micro Hei, 1.6 MB): without one, screenshots show boxes. */
const CJK_FONT_PACKAGE = 'fonts-wqy-microhei';

/** Whether fontconfig knows a font covering Chinese; true where fontconfig is absent (nothing to decide then). */
function hasChineseFont(): boolean {
  const list = spawnSync('fc-list', [':lang=zh'], { encoding: 'utf8' });
  return list.error !== undefined || list.stdout.trim().length > 0;
}

/**
 * The browser the console's browser tests drive (Playwright's playwright-core, which downloads nothing): CHROMIUM_PATH,
 * else chromium from PATH, else Debian's `chromium` installed with apt when root on Debian, else a clear error. On
 * Debian as root it also installs a font with Chinese glyphs when there is none, so screenshots are legible.
 */
export function resolveChromium(env: NodeJS.ProcessEnv = process.env): {
  binary: string;
  route: 'env' | 'path' | 'apt';
} {
  const resolution: { binary: string; route: 'env' | 'path' | 'apt' } | undefined = env.CHROMIUM_PATH
    ? { binary: env.CHROMIUM_PATH, route: 'env' }
    : findOrAptInstall('chromium', 'chromium', env);
  if (!resolution) {
    throw new Error(
      'chromium not found on PATH, and it can only be installed automatically as root on Debian. ' +
        'Install Chromium (Debian/Ubuntu: apt-get install chromium) or set CHROMIUM_PATH to a Chromium or Chrome binary.',
    );
  }
  if (
    process.platform === 'linux' &&
    existsSync('/etc/debian_version') &&
    process.getuid?.() === 0 &&
    !hasChineseFont()
  )
    spawnSync('apt-get', ['install', '-y', '--no-install-recommends', CJK_FONT_PACKAGE], {
      stdio: 'ignore',
      env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' },
    });
  return resolution;
}
