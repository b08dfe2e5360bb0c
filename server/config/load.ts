// Load and cross-check the configuration folder. Invalid configuration stops start-up with one line per
// problem naming the file, the field and what is wrong.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse, type Issue, type Schema } from '../contract/schema.ts';
import {
  CategoriesFile,
  CenterFile,
  HolidaysFile,
  StaffFile,
  WindowsFile,
  type CategoryConfig,
  type HolidaysConfig,
  type StaffConfig,
  type WindowConfig,
} from './schema.ts';
import { packageCalendarYears, isRealDate } from '../calendar/working-days.ts';
import { devicePort } from '../../drivers/transport/port-spec.ts';

export interface Config {
  dir: string;
  center: CenterFile['center'];
  hours: CenterFile['hours'];
  priority: CenterFile['priority'];
  queue: CenterFile['queue'];
  security: CenterFile['security'];
  devices: CenterFile['devices'];
  stations: CenterFile['stations'];
  registers: CenterFile['registers'];
  /** 预约: residents' own bookings (days ahead, rate limit). */
  booking: CenterFile['booking'];
  district?: CenterFile['district'];
  categories: CategoryConfig[];
  windows: WindowConfig[];
  staff: StaffConfig[];
  /** config/holidays.json: official notices for years the calendar package lacks; null without the file. */
  holidays: HolidaysConfig | null;
}

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`配置有误，服务未启动：\n${problems.map((p) => `  - ${p}`).join('\n')}`);
  }
}

/** Read a JSON file of the config folder; a missing file or bad JSON becomes one problem line. */
export function readJson(dir: string, file: string, problems: string[]): unknown {
  const path = join(dir, file);
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch {
    problems.push(`${file}：文件不存在或无法读取（${path}）`);
    return undefined;
  }
  try {
    return JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch (err) {
    problems.push(`${file}：不是有效的 JSON（${(err as Error).message}），请检查逗号、引号和括号`);
    return undefined;
  }
}

function checkFile<T>(dir: string, file: string, schema: Schema<T>, problems: string[]): T | undefined {
  const raw = readJson(dir, file, problems);
  if (raw === undefined) return undefined;
  const result = parse(schema, raw);
  if (!result.ok) {
    problems.push(...result.issues.map((i: Issue) => `${file} ${i.path || '(根)'}：${i.message}`));
    return undefined;
  }
  return result.value;
}

export function loadConfig(dir: string): Config {
  const problems: string[] = [];
  const centerFile = checkFile(dir, 'center.json', CenterFile, problems);
  const categories = checkFile(dir, 'categories.json', CategoriesFile, problems);
  const windows = checkFile(dir, 'windows.json', WindowsFile, problems);
  const staff = checkFile(dir, 'staff.json', StaffFile, problems);
  const holidays = existsSync(join(dir, 'holidays.json'))
    ? checkFile(dir, 'holidays.json', HolidaysFile, problems)
    : null;
  if (!centerFile || !categories || !windows || !staff || holidays === undefined) throw new ConfigError(problems);
  if (holidays) checkHolidays(holidays, problems);

  // Cross-file rules: the things a schema per file cannot see.
  if (![32, 48].includes(centerFile.devices.printer.columns)) {
    problems.push(
      `center.json devices.printer.columns：应为 32（58 毫米纸）或 48（80 毫米纸），实际是 ${centerFile.devices.printer.columns}`,
    );
  }
  for (const kind of ['printer', 'idcard', 'scanner'] as const) {
    const port = centerFile.devices[kind].port;
    if (port === undefined) continue;
    try {
      devicePort(kind, port);
    } catch (err) {
      problems.push(`center.json devices.${kind}.port：${(err as Error).message}`);
    }
  }
  for (const [i, s] of centerFile.hours.sessions.entries()) {
    if (s.from >= s.to) problems.push(`center.json hours.sessions[${i}]：开始时间 ${s.from} 应早于结束时间 ${s.to}`);
  }
  try {
    new Intl.DateTimeFormat('zh-CN', { timeZone: centerFile.center.timezone });
  } catch {
    problems.push(`center.json center.timezone：不认识的时区 "${centerFile.center.timezone}"，应如 Asia/Shanghai`);
  }
  duplicates(
    categories.map((c) => c.id),
    (id, i) => problems.push(`categories.json [${i}].id：业务类别编号 "${id}" 重复`),
  );
  duplicates(
    categories.map((c) => c.prefix),
    (p, i) => problems.push(`categories.json [${i}].prefix：号码字母 "${p}" 已被其他类别使用`),
  );
  duplicates(
    windows.map((w) => String(w.no)),
    (no, i) => problems.push(`windows.json [${i}].no：窗口号 ${no} 重复`),
  );
  duplicates(
    staff.map((s) => s.id),
    (id, i) => problems.push(`staff.json [${i}].id：工作人员编号 "${id}" 重复`),
  );
  const categoryIds = new Set(categories.map((c) => c.id));
  const staffIds = new Set(staff.map((s) => s.id));
  const windowNos = new Set(windows.map((w) => w.no));
  windows.forEach((w, i) => {
    w.categoryIds.forEach((id, j) => {
      if (!categoryIds.has(id))
        problems.push(`windows.json [${i}].categoryIds[${j}]：没有编号为 "${id}" 的业务类别（见 categories.json）`);
    });
    for (const post of ['A', 'B'] as const) {
      const id = w.staff[post];
      if (id && !staffIds.has(id))
        problems.push(`windows.json [${i}].staff.${post}：没有编号为 "${id}" 的工作人员（见 staff.json）`);
    }
  });
  categories.forEach((c, i) => {
    c.slotQuotas.forEach((q, j) => {
      if (q.from >= q.to)
        problems.push(`categories.json [${i}].slotQuotas[${j}]：开始时间 ${q.from} 应早于结束时间 ${q.to}`);
      const overlap = c.slotQuotas.findIndex((o, k) => k < j && o.from < q.to && q.from < o.to);
      if (overlap >= 0) problems.push(`categories.json [${i}].slotQuotas[${j}]：与第 ${overlap + 1} 个时段重叠`);
    });
    if (!windows.some((w) => w.categoryIds.includes(c.id)))
      problems.push(`categories.json [${i}]：业务类别 "${c.name}" 没有任何窗口办理，请在 windows.json 中分配`);
  });
  staff.forEach((s, i) => {
    s.windows.forEach((no, j) => {
      if (!windowNos.has(no)) problems.push(`staff.json [${i}].windows[${j}]：没有 ${no} 号窗口（见 windows.json）`);
    });
  });
  // 代办员 accounts belong to a station of center.json; only they carry a station.
  const stationIds = new Set(centerFile.stations.map((x) => x.id));
  duplicates(
    centerFile.stations.map((x) => x.id),
    (id, i) => problems.push(`center.json stations[${i}].id：服务站编号 "${id}" 重复`),
  );
  staff.forEach((s, i) => {
    if (s.role === 'agent' && !s.stationId)
      problems.push(`staff.json [${i}].stationId：代办员账号必须填写所属服务站（center.json stations 中的编号）`);
    else if (s.stationId && !stationIds.has(s.stationId))
      problems.push(`staff.json [${i}].stationId：没有编号为 "${s.stationId}" 的服务站（见 center.json stations）`);
    if (s.role !== 'agent' && s.stationId)
      problems.push(`staff.json [${i}].stationId：只有代办员（role 为 "agent"）属于服务站`);
    if (s.role === 'agent' && s.windows.length)
      problems.push(`staff.json [${i}].windows：代办员不在中心窗口办件，请删除 windows`);
  });
  if (!staff.some((s) => s.role === 'admin')) problems.push('staff.json：至少需要一名管理员（role 为 "admin"）');
  if (problems.length) throw new ConfigError(problems);

  return { dir, ...centerFile, categories, windows, staff, holidays };
}

/** A notice supplements only years the package lacks, and its days must be days of that year. */
function checkHolidays(h: HolidaysConfig, problems: string[]): void {
  // The package's own years: a year entered from a notice earlier in this process is not "carried" (re-saving it
  // from /admin, or checking the folder again after another edit, must pass).
  const carried = new Set(packageCalendarYears());
  h.years.forEach((y, i) => {
    const at = `holidays.json years[${i}]`;
    if (carried.has(y.year))
      problems.push(`${at}.year：${y.year} 年的放假安排日历包已经收录，请删除这一项（以免两处数据不一致）`);
    for (const [field, list] of [
      ['holidays', y.holidays],
      ['workdays', y.workdays],
    ] as const) {
      list.forEach((d, j) => {
        if (!isRealDate(d)) problems.push(`${at}.${field}[${j}]：“${d}”不是有效日期`);
        else if (!d.startsWith(y.year)) problems.push(`${at}.${field}[${j}]：${d} 不在 ${y.year} 年`);
        else if (field === 'workdays' && ![0, 6].includes(new Date(`${d}T00:00:00Z`).getUTCDay()))
          problems.push(`${at}.workdays[${j}]：${d} 不是周末，调休上班日应是周六或周日`);
      });
    }
    // The notice names its year: 国务院办公厅关于2027年部分节假日安排的通知 is 2027's, never another year's.
    if (y.notice !== undefined && !/^国务院办公厅关于.*节假日安排的通知$/.test(y.notice))
      problems.push(
        `${at}.notice：“${y.notice}”不是国务院办公厅的放假安排通知（如 国务院办公厅关于${y.year}年部分节假日安排的通知）`,
      );
    else if (y.notice !== undefined && !y.notice.includes(`${y.year}年`))
      problems.push(`${at}.notice：通知名称“${y.notice}”不是 ${y.year} 年的放假安排（应含“${y.year}年”）`);
    const both = y.holidays.filter((d) => y.workdays.includes(d));
    if (both.length) problems.push(`${at}：${both.join('、')} 同时写在放假和上班两处`);
  });
  duplicates(
    h.years.map((y) => y.year),
    (year, i) => problems.push(`holidays.json years[${i}].year：${year} 年重复`),
  );
}

function duplicates(values: string[], report: (value: string, index: number) => void): void {
  const seen = new Set<string>();
  values.forEach((v, i) => {
    if (seen.has(v)) report(v, i);
    seen.add(v);
  });
}
