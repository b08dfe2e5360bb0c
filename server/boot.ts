// Puts the whole server together from a config folder and a data folder: used by `npm start`
// (server/main.ts) and by the tests, so both run exactly the same composition.
import { IntakeFlags } from './cases/intake.ts';
import { CaseSteps } from './cases/steps.ts';
import { CasePublicity, publicityRoutes } from './cases/publicity.ts';
import { createLogger, toLogger } from './common/log.ts';
import { join } from 'node:path';
import { startApp, type RunningApp } from './app.ts';
import type { Config } from './config/load.ts';
import type { Environment } from './config/env.ts';
import { createDevices } from './devices/create-devices.ts';
import { printCase } from './cases/printing/print-case.ts';
import { printAppointmentSlip } from './appointments/printing/print-slip.ts';
import { bookingRoutes } from './appointments/booking-routes.ts';
import type { DeviceHub } from './devices/device-hub.ts';
import { openCatalogue } from './matters/open-catalogue.ts';
import { addOfficialYear, addWorkingDays, isWorkingDay, isWorkingDayOrWeekday } from './calendar/working-days.ts';
import { matterRoutes } from './matters/routes.ts';
import { caseRoutes } from './cases/routes.ts';
import { UrgentStore } from './urgent/store.ts';
import { urgentRoutes } from './urgent/routes.ts';
import { appointmentRoutes } from './appointments/routes.ts';
import { ratingRoutes } from './ratings/routes.ts';
import { adminRoutes } from './http/admin-routes.ts';
import { holidayRoutes } from './calendar/routes.ts';
import { stationRoutes } from './stations/routes.ts';
import { timelinessFor } from './cases/timeliness.ts';
import { handwritingRoutes } from './handwriting/routes.ts';
import { catalogueVocabulary, createRecognizer } from './handwriting/recognizer.ts';
import { CaseStore } from './cases/store.ts';
import { AppointmentStore, bookingLimits } from './appointments/store.ts';
import { openDb } from './store/db.ts';
import { StorageStartError, startupFailure } from './store/health.ts';
import { systemClock, type Clock } from './common/clock.ts';
import { RegisterStore } from './registers/store.ts';
import { registerRoutes } from './registers/routes.ts';
import { NoticeStore } from './notices/store.ts';
import { noticeRoutes } from './notices/routes.ts';
import { BackupService } from './ops/backup.ts';
import { DiskWatch } from './ops/disk-watch.ts';
import { opsRoutes } from './ops/routes.ts';
import { DutyStore } from './duty/store.ts';
import { dutyRoutes } from './duty/routes.ts';
import { JiaobanStore } from './jiaoban/store.ts';
import { JointStore } from './joint/store.ts';
import { jointNames, jointRoutes } from './joint/routes.ts';
import { publicJoint, stepView } from './joint/view.ts';
import { jiaobanRoutes } from './jiaoban/routes.ts';
import { PingyiStore } from './pingyi/store.ts';
import { pingyiRoutes } from './pingyi/routes.ts';
import { FeeStore } from './fees/store.ts';
import { feeRoutes } from './fees/routes.ts';
import { startDistrictLink } from './district-link/link.ts';
import { districtSettings } from './district-link/shipper.ts';

export interface BootOptions {
  config: Config;
  env: Pick<Environment, 'dataDir' | 'distDir' | 'printerPort' | 'idReaderPort' | 'scannerPort'> &
    Partial<Pick<Environment, 'backupDir' | 'backupAt' | 'backupKeep' | 'diskWarnMb' | 'district'>>;
  port: number;
  host?: string;
  clock?: Clock;
  log?: (line: string) => void;
  /** Warnings (the journal's priority 4); defaults to log. */
  warn?: (line: string) => void;
  /** Take the nightly backup (npm start and the service do; test servers take backups only on demand). */
  backupSchedule?: boolean;
  /** Zinnia model for the handwriting pad (default: Debian's tegaki-zinnia-simplified-chinese). */
  handwritingModel?: string;
  /** See AppOptions.housekeepingEveryMs. */
  housekeepingEveryMs?: number;
}

export interface BootedServer extends RunningApp {
  devices: DeviceHub;
}

export async function bootServer(options: BootOptions): Promise<BootedServer> {
  const { config, env } = options;
  const clock = options.clock ?? systemClock;
  const log = options.log ? toLogger(options.log) : createLogger({ journal: false });
  // Official notices for years the calendar package does not carry yet (config/holidays.json).
  for (const y of config.holidays?.years ?? []) {
    addOfficialYear(y);
    log(`节假日日历：${y.year} 年按 config/holidays.json 计算（${config.holidays!.source}）`);
  }
  // Opening hours in a year without data: Monday–Friday, said once in the log (see isWorkingDayOrWeekday).
  const warnedYears = new Set<string>();
  const hoursWorkingDay = (date: string) =>
    isWorkingDayOrWeekday(date, (err) => {
      if (warnedYears.has(err.year)) return;
      warnedYears.add(err.year);
      log(
        `节假日日历尚无 ${err.year} 年的数据：取号暂按周一至周五判断是否办公，请管理员尽快在管理后台“节假日安排”录入国务院办公厅的放假通知`,
      );
    });
  const catalogue = openCatalogue(config.dir, config);
  const matterIdsByName = new Map(catalogue.list().map((m) => [m.name, m.id]));
  const devices = createDevices(config, env, log);
  // Handwriting for the kiosk search (Zinnia); without it the pad is hidden and the log says why.
  const recognizer = createRecognizer({
    vocabulary: catalogueVocabulary(config.dir, catalogue.rows()),
    model: options.handwritingModel,
  });
  if (!recognizer.available) log(`手写输入不可用，一体机不显示手写板：${recognizer.reason}`);
  const dbFile = join(env.dataDir, 'kiosk.sqlite');
  let db: ReturnType<typeof openDb>;
  try {
    db = openDb(dbFile);
  } catch (err) {
    // A damaged file or a full disk: one Chinese line naming the file and the fix (issue #23 item 4).
    const line = startupFailure(err, dbFile);
    if (line) throw new StorageStartError(line);
    throw err;
  }
  const warn = options.warn ?? log.warn;
  const backups = new BackupService(db, {
    dataDir: env.dataDir,
    dir: env.backupDir ?? join(env.dataDir, 'backups'),
    keep: env.backupKeep ?? 14,
    at: env.backupAt ?? '02:30',
    timezone: config.center.timezone,
    clock,
    log,
    warn,
  });
  const disk = new DiskWatch(env.dataDir, env.diskWarnMb ?? 500, log, warn);
  const cases = new CaseStore(
    db,
    clock,
    config.center.timezone,
    isWorkingDay,
    (id) => config.staff.find((s) => s.id === id)?.name ?? id,
  );
  // Dates confirmed by hand for a year the calendar lacked: recomputed once that year's data is here.
  for (const line of cases.checkManualDates()) log(`人工确认的承诺办结日期已按日历核对：${line}`);
  const appointments = new AppointmentStore(
    db,
    clock,
    config.center.timezone,
    {
      earlyMinutes: config.queue.appointmentEarlyMinutes,
      lateMinutes: config.queue.appointmentLateMinutes,
    },
    bookingLimits(config),
  );
  const registers = new RegisterStore(db, clock, config.center.timezone);
  const notices = new NoticeStore(db, clock, config.center.timezone);
  // Registers keep names and phones for their own archive period (not the queue's 30 days).
  const purgeRegisters = () => {
    try {
      const purged = registers.purge(config.registers.archiveYears);
      const total = Object.values(purged).reduce((a, b) => a + b, 0);
      if (total) log(`登记簿已按归档期限清除姓名和电话 ${total} 条`);
    } catch (err) {
      log(`登记簿归档清理失败：${(err as Error).message}`);
    }
  };
  purgeRegisters();
  const registerPurge = setInterval(purgeRegisters, 60 * 60_000);
  const publicity = new CasePublicity(db);
  // 联办件 (issue 28 item 3): steps of several windows inside one promised date.
  const joint = new JointStore(db, clock, config.center.timezone, isWorkingDay);
  const names = jointNames(config);
  const app = await startApp({
    config,
    db,
    dataDir: env.dataDir,
    distDir: env.distDir,
    port: options.port,
    host: options.host,
    clock,
    isWorkingDay: hoursWorkingDay,
    devices,
    log,
    matterExists: (id) => catalogue.get(id) !== null,
    housekeepingEveryMs: options.housekeepingEveryMs,
    extraRoutes: [
      matterRoutes(catalogue, devices, notices),
      noticeRoutes(notices, devices, (id) => catalogue.get(id)),
      (router, ctx) => {
        caseRoutes({
          cases,
          notices,
          registerApplicant: (id, name, phone) => registers.setApplicant(id, name, phone),
          matter: (id) => catalogue.get(id),
          intake: new IntakeFlags(db),
          steps: new CaseSteps(db, addWorkingDays),
          publicity,
          joint: {
            late: (today) =>
              joint.late(today).flatMap((r) => {
                const c = cases.get(r.case_id);
                return c ? [stepView(r, c, names, today)] : [];
              }),
            assertSettled: (id, no) => joint.assertSettled(id, no),
          },
          printCase: printCase(
            devices,
            config,
            clock,
            (id) => catalogue.get(id),
            (id) => publicJoint(joint.forCase(id), names),
          ),
          statusUrl: (id) => `${devices.publicUrl()}/c/${id}`,
        })(router, ctx);
        appointmentRoutes({
          appointments,
          matter: (id) => catalogue.get(id),
          matterByName: (name) => catalogue.get(matterIdsByName.get(name) ?? ''),
          isWorkingDay,
          printSlip: printAppointmentSlip(devices, config, (id) => catalogue.get(id)),
        })(router, ctx);
      },
      bookingRoutes({
        appointments,
        bookableMatters: () =>
          catalogue.list().flatMap((m) => (m.categoryId ? [{ id: m.id, name: m.name, categoryId: m.categoryId }] : [])),
        isWorkingDay,
        printSlip: printAppointmentSlip(devices, config, (id) => catalogue.get(id)),
        phoneUrl: () => `${devices.publicUrl()}/book`,
      }),
      ratingRoutes,
      (router, ctx) => adminRoutes(router, ctx, { timeliness: (from, to) => timelinessFor(cases, config, from, to) }),
      registerRoutes({
        registers,
        cases,
        matter: (id) => catalogue.get(id),
        addWorkingDays,
        publicityNotices: (today) => publicity.notices(today),
      }),
      publicityRoutes({ cases, publicity, registers, matter: (id) => catalogue.get(id) }),
      dutyRoutes({ duty: new DutyStore(db, clock, config.center.timezone), isWorkingDay }),
      jiaobanRoutes({ jiaoban: new JiaobanStore(db, clock, config.center.timezone), cases }),
      jointRoutes({ joint, cases, matter: (id) => catalogue.get(id) }),
      pingyiRoutes(new PingyiStore(db, clock, config.center.timezone)),
      feeRoutes({ fees: new FeeStore(db, clock, config.center.timezone), cases, matter: (id) => catalogue.get(id) }),
      opsRoutes(backups, disk),
      holidayRoutes({ cases }),
      stationRoutes(),
      handwritingRoutes(recognizer),
      // 急事特办 (issue 21): 紧急 tickets and cases.
      urgentRoutes({ urgent: new UrgentStore(db, clock, config.center.timezone), cases }),
    ],
  });
  disk.start();
  if (options.backupSchedule) backups.startSchedule();
  // 区级 (issue 25): ships the event log to the district when configured; the hall never waits for it.
  const district = startDistrictLink({
    db,
    devices,
    timezone: config.center.timezone,
    categories: config.categories.map((c) => ({ id: c.id, name: c.name })),
    settings: districtSettings(env.district ?? {}, config.district),
    log,
    clock,
    caseClock: (id) => cases.clockAsOf(id, cases.today())?.promisedDate ?? null,
  });
  return {
    ...app,
    devices,
    async stop() {
      clearInterval(registerPurge);
      await district?.stop();
      backups.stop();
      disk.stop();
      await backups.idle();
      await app.stop();
      db.close();
      recognizer.close();
    },
  };
}
