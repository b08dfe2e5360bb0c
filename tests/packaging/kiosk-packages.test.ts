// Issue 24 item 6: `npm install && npm start` on a fresh machine gave a kiosk without handwriting or offline
// voice, because only `npm test` set up Zinnia, its model and espeak-ng. Now `npm start` runs
// server/tools/kiosk-packages.sh first: as root it installs what is missing, otherwise it prints the one
// apt-get line and the kiosk still starts. Here dpkg and id are stand-ins on PATH: nothing is installed.
import { describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { chmodSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const root = new URL('../../', import.meta.url).pathname;
const script = join(root, 'server/tools/kiosk-packages.sh');

/** A PATH whose dpkg knows only `installed`, whose id says `uid`, and whose apt-get records its arguments. */
function fakeBin(installed: string[], uid: number) {
  const dir = mkdtempSync(join(tmpdir(), 'kiosk-packages-'));
  const tool = (name: string, body: string) => {
    writeFileSync(join(dir, name), `#!/bin/sh\n${body}\n`);
    chmodSync(join(dir, name), 0o755);
  };
  tool('dpkg', `case " ${installed.join(' ')} " in *" $2 "*) exit 0;; esac\nexit 1`);
  tool('id', `echo ${uid}`);
  tool('apt-get', `echo "$@" >> ${dir}/apt.log`);
  return dir;
}
const run = (bin: string) =>
  spawnSync('bash', [script], { env: { ...process.env, PATH: `${bin}:/usr/bin:/bin` }, encoding: 'utf8' });

describe('npm start sets up what the kiosk uses', () => {
  it('npm start runs the setup first, and the README says so on its first line', () => {
    const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { scripts: Record<string, string> };
    expect(pkg.scripts.start!.startsWith('bash server/tools/kiosk-packages.sh && ')).toBe(true);
    const firstLine = readFileSync(join(root, 'README.md'), 'utf8')
      .split('\n')
      .filter((l) => l.trim())[1]!;
    expect(firstLine).toContain('npm install && npm start');
  });

  it('not root, packages missing: prints the one apt-get line and lets the kiosk start', () => {
    const bin = fakeBin(['fonts-noto-cjk'], 1000);
    const r = run(bin);
    expect(r.status).toBe(0);
    expect(r.stderr).toContain('sudo apt-get install -y libzinnia0 tegaki-zinnia-simplified-chinese espeak-ng');
    expect(r.stderr).not.toContain('fonts-noto-cjk');
  });

  it('as root: installs exactly the missing packages', () => {
    const bin = fakeBin(['espeak-ng', 'fonts-noto-cjk'], 0);
    const r = run(bin);
    expect(r.status).toBe(0);
    const apt = readFileSync(join(bin, 'apt.log'), 'utf8');
    expect(apt).toContain('update');
    expect(apt).toContain('install -y -qq --no-install-recommends libzinnia0 tegaki-zinnia-simplified-chinese');
    expect(apt).not.toContain('espeak-ng');
  });

  it('all there: silent', () => {
    const r = run(fakeBin(['libzinnia0', 'tegaki-zinnia-simplified-chinese', 'espeak-ng', 'fonts-noto-cjk'], 1000));
    expect(r.status).toBe(0);
    expect(r.stdout + r.stderr).toBe('');
  });
});
