// Entry point: `npm start`. Reads the environment and config/, opens data/, starts the devices (simulators
// unless KIOSK_*_PORT names a serial device) and serves everything on KIOSK_PORT.
import { readEnvironment } from './config/env.ts';
import { ConfigError, loadConfig } from './config/load.ts';
import { startApp } from './app.ts';
import { createDevices } from './devices/create-devices.ts';
import { loadCatalogueForCenter } from './matters/catalogue-service.ts';
import { isWorkingDay } from './calendar/working-days.ts';

const log = (line: string) => console.log(`[${new Date().toISOString()}] ${line}`);

async function main(): Promise<void> {
  const started = performance.now();
  const env = readEnvironment();
  const config = loadConfig(env.configDir);
  const catalogue = loadCatalogueForCenter(env.configDir, config);
  const devices = createDevices(config, env, log);
  const app = await startApp({
    config,
    dataDir: env.dataDir,
    distDir: env.distDir,
    port: env.port,
    isWorkingDay,
    devices,
    log,
    extraRoutes: catalogue.routes,
    matterExists: catalogue.exists,
  });
  const ms = Math.round(performance.now() - started);
  log(`${config.center.name} 服务已启动（${ms} ms）：自助机 ${app.url}/kiosk  大厅屏 ${app.url}/display  窗口 ${app.url}/console/1  管理 ${app.url}/admin`);
  log(`设备：${devices.statuses().map((d) => `${d.kind}=${d.simulated ? '模拟' : '串口'}`).join('，')}`);
  const shutdown = async (signal: string) => {
    log(`收到 ${signal}，正在停止…`);
    await app.stop();
    process.exit(0);
  };
  process.once('SIGINT', () => void shutdown('SIGINT'));
  process.once('SIGTERM', () => void shutdown('SIGTERM'));
}

main().catch((err) => {
  if (err instanceof ConfigError) console.error(err.message);
  else console.error(`启动失败：${(err as Error)?.stack ?? err}`);
  process.exit(1);
});
