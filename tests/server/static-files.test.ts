// A built file removed between the check and the open (a `vite build` or package upgrade replacing dist/
// while a kiosk loads a page) must be an ordinary 404 for that request, not an 'error' event nobody
// listens to, which ends the whole server process. The removal is made deterministic: statSync (the
// check) deletes the file right after looking at it.
import { mkdirSync, mkdtempSync, rmSync, unlinkSync, writeFileSync } from 'node:fs';
import { createServer, get, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';

const vanish = new Set<string>();
vi.mock('node:fs', async (importOriginal) => {
  const fs = await importOriginal<typeof import('node:fs')>();
  const statSync = ((path: string, ...rest: unknown[]) => {
    const stats = (fs.statSync as (...a: unknown[]) => unknown)(path, ...rest);
    if (vanish.has(String(path))) unlinkSync(String(path));
    return stats;
  }) as typeof fs.statSync;
  return { ...fs, default: { ...fs, statSync }, statSync };
});

const { serveStatic } = await import('../../server/http/static-files.ts');

let dist: string;
let server: Server;
let url: string;
beforeAll(async () => {
  dist = mkdtempSync(join(tmpdir(), 'static-'));
  mkdirSync(join(dist, 'assets'));
  server = createServer((req, res) => {
    const path = decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname);
    if (!serveStatic(dist, path, res, req)) {
      res.writeHead(404);
      res.end('not found');
    }
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  await new Promise((r) => server.close(r));
  rmSync(dist, { recursive: true, force: true });
});

describe('static files', () => {
  it('serves a built asset with its type and a long cache, and a page with no-cache', async () => {
    writeFileSync(join(dist, 'assets', 'app-1a2b.js'), 'console.log(1)');
    writeFileSync(join(dist, 'kiosk.html'), '<!doctype html><title>取号</title>');
    const asset = await fetch(`${url}/assets/app-1a2b.js`);
    expect(asset.status).toBe(200);
    expect(asset.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    expect(asset.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
    expect(asset.headers.get('x-content-type-options')).toBe('nosniff');
    expect(await asset.text()).toBe('console.log(1)');
    const page = await fetch(`${url}/kiosk`);
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(page.headers.get('cache-control')).toBe('no-cache');
    expect(await page.text()).toContain('取号');
  });

  it('a file removed between the check and the open answers 404 and the server keeps serving', async () => {
    const file = join(dist, 'assets', 'gone-9f9f.js');
    writeFileSync(file, 'x');
    vanish.add(file);
    const gone = await fetch(`${url}/assets/gone-9f9f.js`);
    expect(gone.status).toBe(404);
    writeFileSync(join(dist, 'assets', 'still-0000.js'), 'y');
    const still = await fetch(`${url}/assets/still-0000.js`);
    expect(still.status).toBe(200);
    expect(await still.text()).toBe('y');
  });

  it('a page whose HTML vanished says it is not built (503), not a crash', async () => {
    const file = join(dist, 'admin.html');
    writeFileSync(file, '<!doctype html>');
    vanish.add(file);
    const page = await fetch(`${url}/admin`);
    expect(page.status).toBe(503);
    expect(await page.text()).toContain('页面尚未构建');
  });

  it('HEAD and conditional GET of an asset', async () => {
    writeFileSync(join(dist, 'assets', 'h-1111.css'), 'body{}');
    const head = await fetch(`${url}/assets/h-1111.css`, { method: 'HEAD' });
    expect(head.status).toBe(200);
    expect(await head.text()).toBe('');
    const etag = head.headers.get('etag');
    expect(etag).toBeTruthy();
    // node:http, not fetch: fetch adds Cache-Control: no-cache to a request carrying If-None-Match.
    const again = await new Promise<number>((resolve, reject) => {
      get(`${url}/assets/h-1111.css`, { headers: { 'If-None-Match': etag! } }, (r) => {
        r.resume();
        resolve(r.statusCode ?? 0);
      }).on('error', reject);
    });
    expect(again).toBe(304);
  });
});
