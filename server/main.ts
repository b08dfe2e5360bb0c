// Entry point: `npm start`. Reads the environment and config/, opens data/, starts the devices (simulators
// unless KIOSK_*_PORT names a serial device) and serves everything on KIOSK_PORT. Under systemd it tells
// systemd when it serves and keeps the watchdog fed from its event loop (server/ops/sd-notify.ts).
import { readEnvironment } from './config/env.ts';
import { ConfigError, loadConfig } from './config/load.ts';
import { bootServer } from './boot.ts';
import { CatalogueError } from './matters/catalogue.ts';
import { createLogger } from './common/log.ts';
import { systemdHooks } from './ops/sd-notify.ts';
import { DEVICE_TRANSPORT_NAMES } from './contract/devices.ts';

const log = createLogger({ journal: Boolean(process.env.JOURNAL_STREAM), debug: process.env.KIOSK_DEBUG === '1' });

async function main(): Promise<void> {
  const started = performance.now();
  const env = readEnvironment();
  const config = loadConfig(env.configDir);
  const app = await bootServer({ config, env, port: env.port, log, warn: log.warn, backupSchedule: true });
  const systemd = systemdHooks(env, log);
  systemd.ready();
  const ms = Math.round(performance.now() - started);
  log(
    `${config.center.name} 服务已启动（${ms} ms）：自助机 ${app.url}/kiosk  大厅屏 ${app.url}/display  窗口 ${app.url}/console/1  管理 ${app.url}/admin  模拟设备 ${app.url}/dev`,
  );
  log(
    `设备：${app.devices
      .sources()
      .map((d) => `${d.kind}=${DEVICE_TRANSPORT_NAMES[d.transport]}${d.port ? ` ${d.port}` : ''}`)
      .join('，')}`,
  );
  const shutdown = async (signal: string) => {
    log(`收到 ${signal}，正在停止…`);
    systemd.stopping();
    await app.stop();
    process.exit(0);
  };
  process.once('SIGINT', () => void shutdown('SIGINT'));
  process.once('SIGTERM', () => void shutdown('SIGTERM'));
}

main().catch((err) => {
  if (err instanceof ConfigError || err instanceof CatalogueError) log.error(err.message);
  else log.error(`启动失败：${(err as Error)?.stack ?? err}`);
  process.exit(1);
});
