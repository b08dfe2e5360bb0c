// The naive durable floor (issue 26): the smallest honest ticket server — node:http, the body parsed and
// checked, the next number read and the ticket and its event row written in ONE SQLite transaction per
// request (WAL, synchronous = FULL: one fsync per ticket), then 201 with the ticket. No group commit, no
// place in line, no screens. Run as its own process: node --import tsx tests/bench/floor-durable.ts <port> <dir>
import http from 'node:http';
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import Database from 'better-sqlite3';

const [port, dir] = process.argv.slice(2);
const db = new Database(join(dir!, 'floor.sqlite'));
db.pragma('journal_mode = WAL');
db.pragma('synchronous = FULL');
db.exec(`CREATE TABLE IF NOT EXISTS tickets (id TEXT PRIMARY KEY, category_id TEXT NOT NULL, seq INTEGER NOT NULL,
  number TEXT NOT NULL, issued_at TEXT NOT NULL, idempotency_key TEXT UNIQUE, UNIQUE (category_id, seq));
  CREATE TABLE IF NOT EXISTS events (id INTEGER PRIMARY KEY, at TEXT, type TEXT, ticket_id TEXT);`);
const next = db.prepare<[string], { s: number | null }>('SELECT MAX(seq) AS s FROM tickets WHERE category_id = ?');
const insert = db.prepare('INSERT INTO tickets VALUES (?, ?, ?, ?, ?, ?)');
const event = db.prepare("INSERT INTO events (at, type, ticket_id) VALUES (?, 'ticket.issued', ?)");
const issue = db.transaction((categoryId: string, key: string | null) => {
  const seq = (next.get(categoryId)!.s ?? 0) + 1;
  const t = {
    id: randomBytes(9).toString('base64url'),
    categoryId,
    number: `A${String(seq).padStart(3, '0')}`,
    issuedAt: new Date().toISOString(),
  };
  insert.run(t.id, categoryId, seq, t.number, t.issuedAt, key);
  event.run(t.issuedAt, t.id);
  return t;
});

http
  .createServer((req, res) => {
    let body = '';
    req.setEncoding('utf8');
    req.on('data', (c) => (body += c));
    req.on('end', () => {
      let parsed: { categoryId?: unknown; idempotencyKey?: unknown };
      try {
        parsed = JSON.parse(body);
      } catch {
        parsed = {};
      }
      if (req.url !== '/api/tickets' || typeof parsed.categoryId !== 'string') {
        res.writeHead(400, { 'Content-Type': 'application/json' }).end('{"error":{"code":"invalid-body"}}');
        return;
      }
      const key = typeof parsed.idempotencyKey === 'string' ? parsed.idempotencyKey : null;
      const ticket = issue.immediate(parsed.categoryId, key);
      res.writeHead(201, { 'Content-Type': 'application/json' }).end(JSON.stringify({ ticket, created: true }));
    });
  })
  .listen(Number(port), '127.0.0.1', () => process.stdout.write('READY\n'));
