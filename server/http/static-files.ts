// Serves the built pages (vite build → dist/). Each screen is its own page so the kiosk loads only its code.
// The bytes go through `send` (ranges, HEAD, ETag and If-None-Match, and an 'error' we answer): a file
// removed between the check below and the open — dist/ replaced by a build or an upgrade while a page
// loads — is a 404 (503 for a page) for that request instead of an unhandled stream error ending the process.
import { existsSync, statSync } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { extname, join, normalize, sep } from 'node:path';
import send from 'send';
import { DomainError } from '../common/errors.ts';
import { sendError } from './kit.ts';

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

export function serveStatic(distDir: string, path: string, res: ServerResponse, req: IncomingMessage): boolean {
  const page = pageFor(path);
  const relative = page ?? path.replace(/^\/+/, '');
  const file = normalize(join(distDir, relative));
  const notBuilt = (): void => {
    res.writeHead(503, { 'Content-Type': 'text/plain; charset=utf-8' });
    res.end('页面尚未构建：请先运行 npm run build（npm start 会自动构建）');
  };
  if (!file.startsWith(distDir + sep) || !existsSync(file) || !statSync(file).isFile()) {
    if (page) {
      notBuilt();
      return true;
    }
    return false;
  }
  const hashed = relative.startsWith('assets/');
  res.setHeader('Content-Type', TYPES[extname(file)] ?? 'application/octet-stream');
  res.setHeader('Cache-Control', hashed ? 'public, max-age=31536000, immutable' : 'no-cache');
  res.setHeader('X-Content-Type-Options', 'nosniff');
  // The path is already decoded and checked to lie inside distDir; send gets it URL-encoded under its root.
  const encoded = `/${file
    .slice(distDir.length + 1)
    .split(sep)
    .map(encodeURIComponent)
    .join('/')}`;
  send(req, encoded, { root: distDir, cacheControl: false, dotfiles: 'allow', index: false })
    .on('error', (err: { status?: number }) => {
      if (res.headersSent) {
        res.destroy();
        return;
      }
      for (const name of res.getHeaderNames()) res.removeHeader(name);
      if (page) return notBuilt();
      const status = err.status && err.status >= 400 && err.status < 500 ? err.status : 500;
      sendError(
        res,
        status === 404
          ? new DomainError('not-found', '页面不存在')
          : DomainError.withLegacyStatus(status, 'static-failed', '文件读取失败，请重试'),
        () => {},
      );
    })
    .pipe(res);
  return true;
}
