// The .deb of `npm run package`, built once for this file: what it holds (built server and pages, the
// runtime and native modules for this architecture only, conffiles, units, udev rules), that its units pass
// systemd-analyze verify, that the server runs from the extracted tree, and its whole life cycle with the
// real dpkg in a temporary root (--root + DPKG_ROOT): install creates the users and folders and enables the
// units; an upgrade keeps the centre's edits and the data; remove keeps them; purge deletes them; lintian.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { execFileSync, spawn, spawnSync } from 'node:child_process';
import {
  cpSync,
  existsSync,
  lstatSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  readdirSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { freePort } from '../helpers/server-process.ts';

const ROOT = resolve(new URL('../..', import.meta.url).pathname);
const NAME = 'service-hall-kiosk';
const LIB = `usr/lib/${NAME}`;
const DEB_ARCH: Record<string, string> = { x64: 'amd64', arm64: 'arm64', arm: 'armhf', loong64: 'loong64' };

const sh = (cmd: string, args: string[], opts: { env?: NodeJS.ProcessEnv; cwd?: string } = {}) =>
  execFileSync(cmd, args, {
    encoding: 'utf8',
    cwd: opts.cwd ?? ROOT,
    env: { ...process.env, ...opts.env },
    stdio: ['ignore', 'pipe', 'pipe'],
    maxBuffer: 64 * 1024 * 1024,
  });

function listFiles(dir: string, base = dir): string[] {
  const out: string[] = [];
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, e.name);
    if (e.isDirectory()) out.push(...listFiles(p, base));
    else out.push(p.slice(base.length + 1));
  }
  return out;
}

/** A root dpkg can install into: its own database, the host's accounts (copies) and systemd's units. */
function makeRoot(dir: string): string {
  mkdirSync(join(dir, 'etc'), { recursive: true });
  mkdirSync(join(dir, 'var/lib/dpkg/info'), { recursive: true });
  mkdirSync(join(dir, 'var/lib/dpkg/updates'), { recursive: true });
  writeFileSync(join(dir, 'var/lib/dpkg/status'), '');
  for (const f of ['passwd', 'group', 'shadow', 'gshadow', 'login.defs'])
    if (existsSync(`/etc/${f}`)) cpSync(`/etc/${f}`, join(dir, 'etc', f));
  cpSync('/lib/systemd/system', join(dir, 'lib/systemd/system'), { recursive: true, verbatimSymlinks: true });
  return dir;
}

const dpkg = (root: string, ...args: string[]) =>
  sh('dpkg', [
    `--root=${root}`,
    '--force-depends',
    '--force-script-chrootless',
    '--force-unsafe-io',
    '--force-confold',
    ...args,
  ]);
/** Enabled units are absolute symlinks, which only resolve inside the root: look at the link itself. */
const isLink = (path: string) => {
  try {
    return lstatSync(path).isSymbolicLink();
  } catch {
    return false;
  }
};
const entry = (root: string, file: 'passwd' | 'group', name: string) =>
  readFileSync(join(root, 'etc', file), 'utf8')
    .split('\n')
    .find((l) => l.startsWith(`${name}:`));

describe('npm run package (.deb)', () => {
  const work = mkdtempSync(join(tmpdir(), 'deb-test-'));
  const version = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')).version as string;
  const arch = DEB_ARCH[process.arch]!;
  let deb = '';
  const tree = join(work, 'tree');
  const control = join(work, 'control');
  let lintian: Promise<{ status: number | null; stdout: string }> | null = null;

  beforeAll(() => {
    // Built pages and server come from `npm run build` (npm test builds first).
    deb = sh('bash', ['server/packaging/build-deb.sh'], {
      env: { SKIP_BUILD: '1', DEB_OUT_DIR: work, DEB_GZIP_LEVEL: '1' },
    })
      .trim()
      .split('\n')
      .at(-1)!;
    sh('dpkg-deb', ['-x', deb, tree]);
    sh('dpkg-deb', ['-e', deb, control]);
    // lintian takes most of this file's time: it runs beside the other checks, its verdict is read last.
    if (existsSync('/usr/bin/lintian')) {
      lintian = new Promise((done) => {
        const child = spawn('lintian', ['--fail-on', 'error,warning', deb], { stdio: ['ignore', 'pipe', 'pipe'] });
        let stdout = '';
        child.stdout.on('data', (d) => (stdout += d));
        child.on('close', (status) => done({ status, stdout }));
      });
    }
  }, 120_000);

  afterAll(async () => {
    await lintian;
    rmSync(work, { recursive: true, force: true });
  });

  it('is named service-hall-kiosk_<version>_<arch>.deb and says what it needs', () => {
    expect(deb).toBe(join(work, `${NAME}_${version}_${arch}.deb`));
    const fields = sh('dpkg-deb', ['-f', deb]);
    expect(fields).toMatch(new RegExp(`^Architecture: ${arch}$`, 'm'));
    expect(fields).toMatch(new RegExp(`^Version: ${version.replace(/\./g, '\\.')}$`, 'm'));
    const depends = /^Depends: (.*)$/m.exec(fields)![1]!;
    for (const d of ['systemd', 'chromium', 'fonts-noto-cjk', 'espeak-ng', 'passwd']) expect(depends).toContain(d);
    // The runtime travels with the package (see README): no dependency on the distribution's nodejs.
    expect(depends).not.toContain('nodejs');
    expect(fields).toMatch(/^Recommends: cage$/m);
  });

  it('holds the built server and pages, the runtime and production modules for this architecture only', () => {
    const files = listFiles(tree);
    for (const f of [
      `${LIB}/dist-server/main.mjs`,
      `${LIB}/dist-server/restore.mjs`,
      `${LIB}/dist-server/set-pin.mjs`,
      `${LIB}/dist/kiosk.html`,
      `${LIB}/dist/admin.html`,
      `${LIB}/node/bin/node`,
      `${LIB}/bin/kiosk-screen`,
      `usr/bin/${NAME}`,
      `lib/systemd/system/${NAME}.service`,
      `lib/systemd/system/${NAME}-screen.service`,
      `lib/udev/rules.d/60-${NAME}.rules`,
      `etc/${NAME}/center.json`,
      `etc/${NAME}/staff.json`,
      `etc/${NAME}/kiosk.env`,
      `usr/share/doc/${NAME}/copyright`,
    ])
      expect(files, f).toContain(f);
    expect(files.some((f) => f.startsWith(`${LIB}/dist/voice/`) && f.endsWith('.wav'))).toBe(true);
    const modules = new Set(
      files
        .filter((f) => f.startsWith(`${LIB}/node_modules/`))
        .map((f) =>
          f
            .split('/')
            .slice(4, f.split('/')[4]!.startsWith('@') ? 6 : 5)
            .join('/'),
        ),
    );
    for (const m of ['better-sqlite3', 'serialport', 'usb', 'koffi', 'ws', 'preact']) expect(modules, m).toContain(m);
    // Development tools stay out.
    for (const m of ['vitest', 'vite', 'typescript', 'playwright-core', 'tsx', 'esbuild', 'fast-check'])
      expect(modules, m).not.toContain(m);
    const natives = files.filter((f) => f.endsWith('.node'));
    expect(natives.length).toBeGreaterThanOrEqual(4);
    expect(natives.filter((f) => /win32|darwin|android|musl/.test(f))).toEqual([]);
    for (const f of natives)
      expect(sh('file', ['-b', join(tree, f)]), f).toMatch(process.arch === 'x64' ? /x86-64/ : /ELF/);
  });

  it('runs from the extracted tree: its own Node loads every native module and the server serves', async () => {
    const lib = join(tree, LIB);
    const node = join(lib, 'node/bin/node');
    const out = sh(
      node,
      [
        '-e',
        "const D=require('better-sqlite3');const db=new D(':memory:');require('@serialport/bindings-cpp').autoDetect();require('usb');require('koffi').load('libc.so.6');console.log(db.prepare('select sqlite_version() v').get().v)",
      ],
      { cwd: lib },
    );
    expect(out.trim()).toMatch(/^3\.\d+\.\d+$/);
    const port = await freePort();
    const data = join(work, 'run-data');
    const child = spawn(node, [join(lib, 'dist-server/main.mjs')], {
      cwd: '/',
      env: {
        PATH: process.env.PATH,
        KIOSK_PORT: String(port),
        KIOSK_CONFIG: join(tree, `etc/${NAME}`),
        KIOSK_DATA: data,
        KIOSK_DIST: join(lib, 'dist'),
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let log = '';
    child.stdout.on('data', (d) => (log += d));
    child.stderr.on('data', (d) => (log += d));
    try {
      let health: Response | null = null;
      for (let i = 0; i < 200 && !health; i++) {
        health = await fetch(`http://127.0.0.1:${port}/api/health`).catch(() => null);
        if (!health) await new Promise((r) => setTimeout(r, 50));
      }
      expect(health?.status, log).toBe(200);
      const page = await fetch(`http://127.0.0.1:${port}/kiosk`);
      expect(page.status).toBe(200);
      expect(await page.text()).toContain('<div id="app">');
    } finally {
      child.kill('SIGTERM');
    }
  }, 30_000);

  it('marks every file under /etc/service-hall-kiosk as a conffile', () => {
    const conffiles = readFileSync(join(control, 'conffiles'), 'utf8').trim().split('\n');
    const etc = listFiles(join(tree, 'etc'))
      .map((f) => `/etc/${f}`)
      .sort();
    expect(conffiles.sort()).toEqual(etc);
    expect(conffiles).toContain(`/etc/${NAME}/kiosk.env`);
    expect(conffiles).toContain(`/etc/${NAME}/staff.json`);
    for (const s of ['postinst', 'prerm', 'postrm']) expect(statSync(join(control, s)).mode & 0o111, s).toBeTruthy();
  });

  it('has units that pass systemd-analyze verify (no warning either) with the hardening and restart policy', () => {
    const root = makeRoot(join(work, 'verify-root'));
    cpSync(tree, root, { recursive: true });
    const units = [`/lib/systemd/system/${NAME}.service`, `/lib/systemd/system/${NAME}-screen.service`];
    const r = spawnSync('systemd-analyze', ['verify', `--root=${root}`, ...units], { encoding: 'utf8' });
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    // It does catch mistakes: an unknown key is reported.
    const broken = join(root, `lib/systemd/system/${NAME}.service`);
    writeFileSync(broken, readFileSync(broken, 'utf8').replace('Restart=always', 'Restart=always\nRestartt=yes'));
    expect(
      spawnSync('systemd-analyze', ['verify', `--root=${root}`, units[0]!], { encoding: 'utf8' }).stderr,
    ).toContain("Unknown key 'Restartt'");

    const server = readFileSync(join(tree, `lib/systemd/system/${NAME}.service`), 'utf8');
    for (const line of [
      'Type=notify',
      'Restart=always',
      'User=service-hall-kiosk',
      'ProtectSystem=strict',
      'NoNewPrivileges=yes',
      'ProtectHome=yes',
      'PrivateTmp=yes',
      'StateDirectory=service-hall-kiosk',
      'EnvironmentFile=-/etc/service-hall-kiosk/kiosk.env',
    ])
      expect(server).toContain(line);
    expect(server).toMatch(/^WatchdogSec=\d+$/m);
    expect(server).toMatch(/^ReadWritePaths=.*\/var\/lib\/service-hall-kiosk.*\/etc\/service-hall-kiosk/m);
    const screen = readFileSync(join(tree, `lib/systemd/system/${NAME}-screen.service`), 'utf8');
    for (const line of [
      'After=service-hall-kiosk.service',
      'Wants=service-hall-kiosk.service',
      'Restart=always',
      'TTYPath=/dev/tty1',
      'PAMName=login',
    ])
      expect(screen).toContain(line);
    expect(readFileSync(join(tree, `${LIB}/bin/kiosk-screen`), 'utf8')).toMatch(
      /cage .*--kiosk|--kiosk[\s\S]*exec cage/,
    );
    // The launcher is valid shell.
    expect(spawnSync('sh', ['-n', join(tree, `${LIB}/bin/kiosk-screen`)]).status).toBe(0);
  });

  it('launches Chromium --kiosk on the kiosk page inside cage, or inside X where cage is missing', () => {
    // Stand-ins for the compositors only (this machine has no seat): each records how it was started.
    const bin = join(work, 'screen-bin');
    mkdirSync(bin, { recursive: true });
    for (const tool of ['cage', 'xinit'])
      writeFileSync(join(bin, tool), `#!/bin/sh\necho ${tool} "$@" > "${work}/${tool}.args"\n`, { mode: 0o755 });
    writeFileSync(join(bin, 'chromium'), '#!/bin/sh\nexit 0\n', { mode: 0o755 });
    const run = (path: string) =>
      spawnSync(join(tree, `${LIB}/bin/kiosk-screen`), [], {
        env: { PATH: path, HOME: join(work, 'screen-home'), KIOSK_PORT: '8090' },
        encoding: 'utf8',
      });
    expect(run(`${bin}:/usr/bin:/bin`).status).toBe(0);
    const cage = readFileSync(join(work, 'cage.args'), 'utf8');
    expect(cage).toMatch(
      new RegExp(
        `^cage -d -s -- ${bin}/chromium --ozone-platform=wayland --kiosk .*--autoplay-policy=no-user-gesture-required .*http://127\\.0\\.0\\.1:8090/kiosk\\n$`,
      ),
    );
    rmSync(join(bin, 'cage'));
    expect(run(`${bin}:/usr/bin:/bin`).status).toBe(0);
    expect(readFileSync(join(work, 'xinit.args'), 'utf8')).toMatch(
      new RegExp(`^xinit ${bin}/chromium --kiosk .*http://127\\.0\\.0\\.1:8090/kiosk -- :0 vt1`),
    );
    rmSync(join(bin, 'xinit'));
    const none = run(bin);
    expect(none.status).toBe(1);
    expect(none.stderr).toContain('找不到 cage 或 xinit');
  });

  it('has udev rules granting the service group and naming the known printer, ID reader and scanner', () => {
    const rules = readFileSync(join(tree, `lib/udev/rules.d/60-${NAME}.rules`), 'utf8')
      .split('\n')
      .filter((l) => l.trim() && !l.startsWith('#'));
    const KEY = /^(SUBSYSTEM|KERNEL|ATTR\{\w+\}|ATTRS\{\w+\}|ENV\{\w+\})==".+"$|^(GROUP|MODE|SYMLINK\+?)=".+"$/;
    for (const rule of rules) for (const part of rule.split(/,\s*/)) expect(part, rule).toMatch(KEY);
    const names = (name: string) => rules.filter((r) => r.includes(`SYMLINK+="${name}"`));
    expect(
      names('kiosk-idreader').some(
        (r) => r.includes('ATTR{idVendor}=="0400"') && r.includes('ATTR{idProduct}=="c35a"'),
      ),
    ).toBe(true);
    expect(names('kiosk-printer').length).toBeGreaterThanOrEqual(2);
    expect(names('kiosk-scanner').length).toBeGreaterThanOrEqual(1);
    expect(rules.every((r) => r.includes('GROUP="service-hall-kiosk"'))).toBe(true);
  });

  it('installs, upgrades, removes and purges with dpkg: users, folders, enabled units; settings and data kept until purge', () => {
    const root = makeRoot(join(work, 'dpkg-root'));
    dpkg(root, '-i', deb);
    const user = entry(root, 'passwd', NAME)!;
    expect(user).toMatch(new RegExp(`^${NAME}:x:\\d+:\\d+:.*:/var/lib/${NAME}:/usr/sbin/nologin$`));
    expect(entry(root, 'passwd', `${NAME}-screen`)).toBeTruthy();
    expect(entry(root, 'group', 'dialout')).toContain(NAME);
    const uid = Number(user.split(':')[2]);
    const data = statSync(join(root, `var/lib/${NAME}`));
    expect(data.uid).toBe(uid);
    expect(data.mode & 0o777).toBe(0o750);
    expect(existsSync(join(root, `var/lib/${NAME}/backups`))).toBe(true);
    const gid = Number(entry(root, 'group', NAME)!.split(':')[2]);
    expect(statSync(join(root, `etc/${NAME}`)).gid).toBe(gid);
    expect(statSync(join(root, `etc/${NAME}/staff.json`)).mode & 0o777).toBe(0o660);
    expect(isLink(join(root, `etc/systemd/system/multi-user.target.wants/${NAME}.service`))).toBe(true);
    expect(isLink(join(root, `etc/systemd/system/graphical.target.wants/${NAME}-screen.service`))).toBe(true);
    // The host was not touched.
    expect(spawnSync('getent', ['passwd', NAME]).status).not.toBe(0);

    // The centre edits its settings, the server has a database; then an upgrade to a newer version.
    const env = join(root, `etc/${NAME}/kiosk.env`);
    writeFileSync(env, readFileSync(env, 'utf8').replace('KIOSK_PORT=8080', 'KIOSK_PORT=9090'));
    writeFileSync(join(root, `var/lib/${NAME}/kiosk.sqlite`), 'the centre’s data');
    const raw = join(work, 'raw');
    sh('dpkg-deb', ['-R', deb, raw]);
    const ctl = join(raw, 'DEBIAN/control');
    writeFileSync(ctl, readFileSync(ctl, 'utf8').replace(/^Version: .*$/m, 'Version: 99.0.0'));
    const newer = join(work, 'newer.deb');
    sh('dpkg-deb', ['--root-owner-group', '-Znone', '-b', raw, newer]);
    dpkg(root, '-i', newer);
    // biome-ignore lint/suspicious/noTemplateCurlyInString: ${Version} is a dpkg-query format field
    expect(sh('dpkg-query', [`--admindir=${root}/var/lib/dpkg`, '-W', '-f=${Version}', NAME])).toBe('99.0.0');
    expect(readFileSync(env, 'utf8')).toContain('KIOSK_PORT=9090');
    expect(readFileSync(join(root, `var/lib/${NAME}/kiosk.sqlite`), 'utf8')).toBe('the centre’s data');
    expect(entry(root, 'passwd', NAME)).toBe(user); // the same user, not a second one

    dpkg(root, '-r', NAME);
    expect(existsSync(join(root, LIB))).toBe(false);
    expect(readFileSync(env, 'utf8')).toContain('KIOSK_PORT=9090');
    expect(existsSync(join(root, `var/lib/${NAME}/kiosk.sqlite`))).toBe(true);
    expect(isLink(join(root, `etc/systemd/system/multi-user.target.wants/${NAME}.service`))).toBe(false);

    dpkg(root, '-P', NAME);
    expect(existsSync(join(root, `etc/${NAME}`))).toBe(false);
    expect(existsSync(join(root, `var/lib/${NAME}`))).toBe(false);
  }, 120_000);

  it.runIf(existsSync('/usr/bin/lintian'))(
    'passes lintian with no error and no warning',
    async () => {
      const r = (await lintian)!;
      const tags = r.stdout.split('\n').filter((l) => /^[EW]: /.test(l));
      expect(tags).toEqual([]);
      expect(r.status).toBe(0);
    },
    180_000,
  );
});
