// Editing the config folder from the admin pages (and the first-login password change): one file changed,
// the whole folder validated with it before anything is written, then written durably (temp file, fsync,
// rename). Lives with the config loader, not in the admin routes: auth/first-login.ts uses it too.
import {
  closeSync,
  copyFileSync,
  existsSync,
  fsyncSync,
  mkdtempSync,
  openSync,
  renameSync,
  rmSync,
  writeSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { DomainError } from '../common/errors.ts';
import { ConfigError, loadConfig, readJson, type Config } from './load.ts';

/** The files loadConfig reads; an edit is checked against a copy of all of them. */
const CONFIG_FILES = ['center.json', 'categories.json', 'windows.json', 'staff.json'] as const;
/** Files loadConfig reads when present (holidays.json: the State Council notices entered on /admin). */
const OPTIONAL_FILES = ['holidays.json'] as const;
type ConfigFile = (typeof CONFIG_FILES)[number] | (typeof OPTIONAL_FILES)[number];

/**
 * Change one file of the config folder: `edit` changes the parsed JSON in place. The whole folder is
 * validated with the new file before anything is written. Returns the validated new config.
 */
export function editConfigFile(dir: string, file: ConfigFile, edit: (raw: any) => void): Config {
  const problems: string[] = [];
  // An optional file not written yet starts empty: the edit fills it, the loader checks it.
  const absent = (OPTIONAL_FILES as readonly string[]).includes(file) && !existsSync(join(dir, file));
  const raw = absent ? {} : readJson(dir, file, problems);
  if (raw === undefined) throw new DomainError('config-unreadable', `配置文件无法读取：${problems.join('；')}`);
  edit(raw);
  const text = JSON.stringify(raw, null, 2) + '\n';
  const scratch = mkdtempSync(join(tmpdir(), 'admin-config-'));
  let checked: Config;
  try {
    for (const f of CONFIG_FILES) if (f !== file) copyFileSync(join(dir, f), join(scratch, f));
    // The optional files go along too, so the checked config is the whole folder (holidays included).
    for (const f of OPTIONAL_FILES)
      if (f !== file && existsSync(join(dir, f))) copyFileSync(join(dir, f), join(scratch, f));
    writeFileDurably(join(scratch, file), text);
    checked = loadConfig(scratch);
  } catch (err) {
    if (err instanceof ConfigError)
      throw new DomainError('invalid-config', `修改未保存：${err.problems.join('；')}`, err.problems);
    throw err;
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
  // Same folder, then rename: a crash leaves either the old file or the new one, never half of one.
  const temp = join(dir, `.${file}.${randomBytes(4).toString('hex')}.tmp`);
  try {
    writeFileDurably(temp, text);
    renameSync(temp, join(dir, file));
  } catch (err) {
    rmSync(temp, { force: true });
    throw new DomainError('config-write-failed', `配置文件写入失败，修改未生效：${(err as Error).message}`);
  }
  return checked;
}

function writeFileDurably(path: string, text: string): void {
  const fd = openSync(path, 'w');
  try {
    writeSync(fd, text);
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}
