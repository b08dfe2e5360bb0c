// Serves the built pages (vite build → dist/). Each screen is its own page so the kiosk loads only its code.
import { createReadStream, existsSync, statSync } from 'node:fs';
import { extname, join, normalize, sep } from 'node:path';
import type { ServerResponse } from 'node:http';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.json': 'application/json; charset=utf-8',
  '.wav': 'audio/wav',
  '.mp3': 'audio/mpeg',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
};

/** Page routes → the HTML entry that renders them. */
export function pageFor(path: string): string | null {
  if (path === '/' || path === '/kiosk' || path.startsWith('/kiosk/')) return 'kiosk.html';
  if (/^\/console\/\d+$/.test(path) || path === '/console') return 'console.html';
  if (path === '/display' || /^\/display\/\d+$/.test(path)) return 'display.html';
  if (/^\/rate\/\d+$/.test(path)) return 'rate.html';
  if (/^\/t\/[A-Za-z0-9_-]+$/.test(path)) return 'ticket.html';
  if (/^\/c\/[A-Za-z0-9_-]+$/.test(path)) return 'case.html';
  if (path === '/admin' || path.startsWith('/admin/')) return 'admin.html';
  if (path === '/dev') return 'dev.html';
  // 村（社区）便民服务站: the 代办员's page (registers/routes.ts /api/station).
  if (path === '/station') return 'station.html';
  if (path === '/book') return 'book.html';
  return null;
}

export function serveStatic(distDir: string, path: string, res: ServerResponse): boolean {
  const page = pageFor(path);
  const relative = page ?? path.replace(/^\/+/, '');
  const file = normalize(join(distDir, relative));
  if (!file.startsWith(distDir + sep) || !existsSync(file) || !statSync(file).isFile()) {
    if (page) {
      res.writeHead(503, { 'Content-Type': 'text/plain; charset=utf-8' });
      res.end('页面尚未构建：请先运行 npm run build（npm start 会自动构建）');
      return true;
    }
    return false;
  }
  const hashed = relative.startsWith('assets/');
  res.writeHead(200, {
    'Content-Type': TYPES[extname(file)] ?? 'application/octet-stream',
    'Cache-Control': hashed ? 'public, max-age=31536000, immutable' : 'no-cache',
    'X-Content-Type-Options': 'nosniff',
  });
  createReadStream(file).pipe(res);
  return true;
}
