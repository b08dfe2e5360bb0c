// The configuration schema: one definition gives the types, the defaults and the Chinese messages that
// name the file and field when a centre administrator's edit is wrong.
import {
  array,
  bool,
  DATE,
  HHMM,
  int,
  literal,
  obj,
  optional,
  str,
  withDefault,
  type Infer,
  type Schema,
} from '../contract/schema.ts';
import { CENTER_LEVELS } from '../contract/matters.ts';
import { DOCUMENT_NO, NOTICE_TITLE } from '../contract/holidays.ts';
import { HASH_PATTERN } from '../auth/password.ts';

/** A number from 0 to 1 (a share of a quota). */
function fraction(): Schema<number> {
  return {
    describe: '0 到 1 之间的小数',
    check(v, path, issues) {
      if (typeof v !== 'number' || !Number.isFinite(v) || v < 0 || v > 1) {
        issues.push({ path, message: `应为 0 到 1 之间的小数（如 0.33），实际是 ${JSON.stringify(v)}` });
        return 0;
      }
      return v;
    },
  };
}

const ID = str({ min: 1, max: 40, pattern: /^[a-z][a-z0-9-]*$/, hint: '小写英文字母、数字和连字符，如 civil' });

/** A device port chosen on the device set-up page (same forms as KIOSK_*_PORT; checked in load.ts). */
const DEVICE_PORT = str({
  min: 1,
  max: 300,
  hint: '设备端口，如 /dev/serial/by-id/…、tcp://192.168.1.87:9100、/dev/usb/lp0、usb:0400:c35a、sdtapi:/opt/sdt/libsdtapi.so',
});

export const CenterFile = obj({
  center: obj({
    name: str({ min: 1, max: 60 }),
    level: literal(CENTER_LEVELS, { township: '乡镇', street: '街道', village: '村（社区）' }),
    address: withDefault(str({ max: 120 }), ''),
    phone: withDefault(str({ max: 40 }), ''),
    supervisionPhone: withDefault(str({ max: 40 }), ''),
    timezone: withDefault(str({ min: 1, max: 60 }), 'Asia/Shanghai'),
    notice: withDefault(str({ max: 500 }), ''),
    /** 公示期 in days (issue 22 ⑦): the centre's own setting — seed 004 asks 公示 but states no length. */
    publicityDays: withDefault(int({ min: 1, max: 90 }), 7),
    /** How phones on the hall Wi-Fi reach this server (for QR codes), e.g. http://192.168.1.20:8080. Empty: found from the network. */
    publicUrl: withDefault(
      str({ max: 200, pattern: /^(https?:\/\/[^\s]+)?$/, hint: 'http:// 开头的地址，或留空' }),
      '',
    ),
    /**
     * 限时办结制度 第九条 "需报上级机关、部门批准的服务事项": the higher authorities a case may be reported to. A
     * report-up names one of these, never free text and never the centre itself.
     */
    higherAuthorities: withDefault(array(str({ min: 1, max: 60 }), { min: 1, max: 60 }), [
      '博乐市民政局',
      '博乐市人社局',
      '博乐市社保局',
      '博乐市卫健委',
      '博乐市计生委',
      '博乐市残联',
      '博乐市财政局',
      '博乐市小额担保贷款中心',
    ]),
  }),
  hours: obj({
    /** false: tickets can be taken at any time (demo and duty service); true: only within sessions. */
    enforce: withDefault(bool(), true),
    /** Closed on weekends and official holidays, open on official make-up working days. */
    workingDaysOnly: withDefault(bool(), true),
    sessions: array(obj({ from: HHMM, to: HHMM }), { min: 1, max: 6 }),
  }),
  priority: obj({
    /** At most one green-channel ticket for every N normal tickets while both wait (no starvation). */
    normalPerPriority: withDefault(int({ min: 0, max: 20 }), 2),
    elderlyAge: withDefault(int({ min: 50, max: 100 }), 60),
  }),
  queue: obj({
    skipReentryPlaces: withDefault(int({ min: 0, max: 50 }), 3),
    maxRecalls: withDefault(int({ min: 0, max: 20 }), 3),
    minRecallIntervalSeconds: withDefault(int({ min: 0, max: 600 }), 10),
    /** 预约: how early before its slot a booked resident may check in, and how late after the slot ends. */
    appointmentEarlyMinutes: withDefault(int({ min: 0, max: 240 }), 30),
    appointmentLateMinutes: withDefault(int({ min: 0, max: 240 }), 0),
    announcement: withDefault(
      str({ min: 1, max: 80, pattern: /\{number\}/, hint: '包含 {number} 和 {window} 的模板' }),
      '请{number}号到{window}号窗口办理',
    ),
    /** 好差评: seconds the rating tablet waits for the resident's verdict before recording 未评价 (absent: 60). */
    ratingTimeoutSeconds: optional(int({ min: 10, max: 600 })),
  }),
  security: obj({
    bindAddress: withDefault(str({ min: 1, max: 64 }), '0.0.0.0'),
    allowedOrigins: withDefault(array(str({ min: 1, max: 200 })), []),
    kioskAddresses: withDefault(array(str({ min: 1, max: 64 })), ['127.0.0.1', '::1']),
    /**
     * The window consoles' fixed addresses (optional): a login from one of them is never held by the
     * account-wide guessing lock, and a first-use password is accepted from them (issue #23).
     */
    consoleAddresses: withDefault(array(str({ min: 1, max: 64 }), { max: 200 }), []),
    sessionMinutes: withDefault(int({ min: 5, max: 24 * 60 }), 600),
    maxLoginFailures: withDefault(int({ min: 1, max: 100 }), 5),
    lockoutMinutes: withDefault(int({ min: 1, max: 24 * 60 }), 10),
    retentionDays: withDefault(int({ min: 1, max: 3650 }), 30),
    /** Tickets (and check-ins) one kiosk client may issue per minute / per hour (see server/http/rate-limit.ts). */
    ticketsPerMinute: withDefault(int({ min: 1, max: 1_000_000 }), 6),
    ticketsPerHour: withDefault(int({ min: 1, max: 1_000_000 }), 120),
    /** An account still on a first-use PIN must change it at login before anything else (server/auth/first-login.ts). */
    firstLoginPasswordChange: withDefault(bool(), true),
  }),
  /** 预约服务制: residents booking for themselves (kiosk and the phone page /book). */
  booking: withDefault(
    obj({
      /** How many days ahead a resident may book (today counts as day 0). */
      daysAhead: withDefault(int({ min: 0, max: 90 }), 7),
      /** Booking requests one address (a phone on the hall Wi-Fi) may make per minute. */
      perAddressPerMinute: withDefault(int({ min: 1, max: 1000 }), 10),
      /**
       * The share of each category's daily quota residents may book for themselves (0–1, default a third):
       * the rest stays for walk-ins and staff bookings (issue #23: made-up phone numbers on the hall Wi-Fi
       * must not close a category to the people standing in the hall).
       */
      selfShare: withDefault(fraction(), 1 / 3),
      /** Self-bookings one phone number may make in seven days; a booking nobody came for counts 30 days. */
      perPhonePerWeek: withDefault(int({ min: 1, max: 50 }), 3),
      /** New self-bookings the whole hall accepts per minute, from every address together. */
      hallPerMinute: withDefault(int({ min: 1, max: 10000 }), 30),
    }),
    { daysAhead: 7, perAddressPerMinute: 10, selfShare: 1 / 3, perPhonePerWeek: 3, hallPerMinute: 30 },
  ),
  devices: obj({
    /** The only folder an sdtapi: library may be loaded from when set on /admin (issue #23). */
    sdtapiDir: withDefault(str({ min: 2, max: 300, pattern: /^\//, hint: '绝对路径的文件夹' }), '/opt/sdt'),
    printer: obj({
      baudRate: withDefault(int({ min: 1200, max: 921600 }), 9600),
      columns: withDefault(int({ min: 32, max: 48 }), 48),
      /** Serial hardware flow control: 新北洋 BK-T680-class printers need RTS/CTS. */
      flowControl: withDefault(
        literal(['none', 'rtscts'] as const, { none: '无', rtscts: 'RTS/CTS 硬件流控' }),
        'none',
      ),
      port: optional(DEVICE_PORT),
    }),
    idcard: obj({
      baudRate: withDefault(int({ min: 1200, max: 921600 }), 115200),
      pollMs: withDefault(int({ min: 100, max: 10_000 }), 500),
      port: optional(DEVICE_PORT),
    }),
    scanner: obj({
      baudRate: withDefault(int({ min: 1200, max: 921600 }), 9600),
      suffix: withDefault(literal(['CR', 'LF', 'CRLF', 'timeout'] as const), 'CR'),
      port: optional(DEVICE_PORT),
    }),
  }),
  /** 区级 (issue 25, docs/district.md): where this hall ships its events; KIOSK_DISTRICT_URL/_HALL_ID/_TOKEN override. */
  district: optional(
    obj({
      url: optional(
        str({ max: 200, pattern: /^(https?:\/\/[^\s]+)?$/, hint: 'http(s):// 开头的区级服务地址，或留空' }),
      ),
      hallId: optional(
        str({ max: 40, pattern: /^([a-z0-9][a-z0-9-]*)?$/, hint: '区里登记本中心时用的编号，如 dongcheng-jd' }),
      ),
      token: optional(str({ max: 200 })),
    }),
  ),
  /** 村（社区）便民服务站 whose 代办员 forward matters to this centre (seed 002 篇1, seed 003 三级体系). */
  stations: withDefault(
    array(
      obj({
        id: ID,
        name: str({ min: 1, max: 40 }),
        /** 撤销 on /admin (issue 24 ⑫): its agents can no longer sign in; its registers keep its name. */
        retiredOn: optional(DATE),
      }),
      { max: 200 },
    ),
    [],
  ),
  /**
   * The registers (首问登记、办件台账…): how many years after the year-end filing (seed 002 篇1 五有记录
   * "年底整理归档") a row keeps the name and phone; then they are erased and the counts stay.
   */
  registers: withDefault(
    obj({
      archiveYears: withDefault(
        obj({
          firstContact: withDefault(int({ min: 0, max: 30 }), 1),
          cases: withDefault(int({ min: 0, max: 30 }), 1),
          daiban: withDefault(int({ min: 0, max: 30 }), 1),
          homeVisits: withDefault(int({ min: 0, max: 30 }), 1),
          complaints: withDefault(int({ min: 0, max: 30 }), 1),
        }),
        { firstContact: 1, cases: 1, daiban: 1, homeVisits: 1, complaints: 1 },
      ),
      /** 办结公告: days a finished case of a 须公告 matter stays on the hall display and the public page. */
      announceDays: withDefault(int({ min: 1, max: 365 }), 7),
    }),
    { archiveYears: { firstContact: 1, cases: 1, daiban: 1, homeVisits: 1, complaints: 1 }, announceDays: 7 },
  ),
});
export type CenterFile = Infer<typeof CenterFile>;

export const CategoriesFile = array(
  obj({
    id: ID,
    name: str({ min: 1, max: 30 }),
    prefix: str({ pattern: /^[A-Z]$/, hint: '一个大写字母 A–Z' }),
    description: withDefault(str({ max: 200 }), ''),
    dailyQuota: int({ min: 1, max: 9999 }),
    /** Per time-slot quotas, so a morning rush cannot take the afternoon's numbers. */
    slotQuotas: withDefault(array(obj({ from: HHMM, to: HHMM, quota: int({ min: 1, max: 9999 }) }), { max: 24 }), []),
    /** 预约: places one appointment slot offers in this category (absent: only the daily quota limits bookings). */
    appointmentCapacity: optional(int({ min: 0, max: 9999 })),
    /** 预约: a different number of places for particular slots (e.g. fewer on a busy morning). */
    appointmentSlots: withDefault(
      array(obj({ from: HHMM, to: HHMM, capacity: int({ min: 0, max: 9999 }) }), { max: 24 }),
      [],
    ),
  }),
  { min: 1, max: 26 },
);
export type CategoryConfig = Infer<typeof CategoriesFile>[number];

export const WindowsFile = array(
  obj({
    no: int({ min: 1, max: 999 }),
    name: str({ min: 1, max: 30 }),
    categoryIds: array(ID, { min: 1 }),
    staff: withDefault(obj({ A: optional(ID), B: optional(ID) }), {}),
  }),
  { min: 1, max: 200 },
);
export type WindowConfig = Infer<typeof WindowsFile>[number];

export const StaffFile = array(
  obj({
    id: ID,
    name: str({ min: 1, max: 30 }),
    /**
     * staff: window clerk, acts on their own windows' tickets, cases and appointments.
     * leader: 分管领导, approves extensions (限时办结制度 第七条) and may act on every window's cases; no queue work.
     * admin: the centre's administrator (configuration, reports, every window's cases).
     */
    role: literal(['staff', 'leader', 'admin', 'agent'] as const, {
      staff: '窗口工作人员',
      leader: '分管领导',
      admin: '管理员',
      agent: '村（社区）代办员',
    }),
    /** agent (代办员): the village/community station (center.json stations) the account belongs to. */
    stationId: optional(ID),
    /** 停用 on /admin (issue 24 ⑫): the account can no longer sign in; registers keep the name. */
    retiredOn: optional(DATE),
    /** Windows a staff member may act on. */
    windows: withDefault(array(int({ min: 1, max: 999 })), []),
    /** The password was generated at the first start and not yet replaced: it must be changed at login. */
    firstUse: optional(bool()),
    /** The scrypt hash, or "firstUse": a random first-use password is generated at start (auth/first-use-passwords.ts). */
    pinHash: str({
      pattern: new RegExp(`${HASH_PATTERN.source}|^firstUse$`),
      hint: 'scrypt 哈希（用 npm run set-pin 生成），或 firstUse（首次启动时生成随机密码），不要填写明文',
    }),
  }),
  { min: 1 },
);
export type StaffConfig = Infer<typeof StaffFile>[number];

/**
 * config/holidays.json (optional): the State Council's holiday notice for a year the calendar package does
 * not carry yet, copied from the notice itself — never guessed. 放假 days and the make-up working days (调休).
 */
export const HolidaysFile = obj({
  source: str({ min: 1, max: 300, hint: '通知名称和文号，如 国务院办公厅关于2027年部分节假日安排的通知' }),
  years: array(
    obj({
      year: str({ pattern: /^\d{4}$/, hint: '年份，如 2027' }),
      /** This year's notice by name and number, when entered on /admin (issue 24 ⑪); else the file's source. */
      notice: optional(NOTICE_TITLE),
      documentNo: optional(DOCUMENT_NO),
      holidays: array(DATE, { min: 1, max: 60 }),
      workdays: withDefault(array(DATE, { max: 20 }), []),
    }),
    { min: 1, max: 5 },
  ),
});
export type HolidaysConfig = Infer<typeof HolidaysFile>;
