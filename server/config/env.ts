// The only module that reads process.env (DESIGN.md): everything else receives these values.
import { resolve } from 'node:path';

export interface Environment {
  port: number;
  configDir: string;
  dataDir: string;
  /** Serial device paths; undefined → the simulator speaking the same bytes. */
  printerPort: string | undefined;
  idReaderPort: string | undefined;
  scannerPort: string | undefined;
  /** Built pages (vite build output). */
  distDir: string;
}

export function readEnvironment(env: NodeJS.ProcessEnv = process.env): Environment {
  const port = env.KIOSK_PORT === undefined ? 8080 : Number(env.KIOSK_PORT);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    throw new Error(`环境变量 KIOSK_PORT 应为 0–65535 的端口号，实际是 "${env.KIOSK_PORT}"`);
  }
  return {
    port,
    configDir: resolve(env.KIOSK_CONFIG || 'config'),
    dataDir: resolve(env.KIOSK_DATA || 'data'),
    printerPort: env.KIOSK_PRINTER_PORT || undefined,
    idReaderPort: env.KIOSK_IDREADER_PORT || undefined,
    scannerPort: env.KIOSK_SCANNER_PORT || undefined,
    distDir: resolve(env.KIOSK_DIST || 'dist'),
  };
}
