// Issue #23 item 8: a request closed before its body is the client's doing, not an internal error with a
// stack in the journal; and a real internal 500 is logged at error priority (`journalctl -p warning` shows it).
import { connect } from 'node:net';
import { afterAll, describe, expect, it } from 'vitest';
import type { ServerResponse } from 'node:http';
import { createLogger } from '../../server/common/log.ts';
import { sendError } from '../../server/http/kit.ts';
import { startTestServer, type TestServer } from '../helpers/server.ts';

let server: TestServer | null = null;
afterAll(async () => server?.stop());

describe('internal errors', () => {
  it('a request closed before its body logs no internal error', async () => {
    server = await startTestServer();
    for (let i = 0; i < 5; i++) {
      await new Promise<void>((resolve) => {
        const s = connect(server!.port, '127.0.0.1', () => {
          s.write(
            'POST /api/tickets HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nContent-Length: 200\r\n\r\n{"categoryId":',
          );
          setTimeout(() => {
            s.destroy();
            resolve();
          }, 50);
        });
      });
    }
    await new Promise((r) => setTimeout(r, 300));
    expect(server.logs.filter((l) => l.includes('内部错误'))).toEqual([]);
    expect(server.logs.join('\n')).not.toMatch(/\n\s+at |aborted/);
  });

  it('an internal 500 is logged at error priority', () => {
    const lines: string[] = [];
    const log = createLogger({ journal: true, write: (t) => lines.push(t) });
    const res = {
      headersSent: false,
      writeHead() {
        return this;
      },
      setHeader() {},
      end() {},
    } as unknown as ServerResponse;
    sendError(res, new Error('boom'), log);
    expect(lines.length).toBe(1);
    expect(lines[0]).toMatch(/^<3>内部错误/);
  });
});
