// Issue #23 item 6: a rating tablet's pairing is confirmed on the tablet itself. Typing the code only
// starts it (the tablet then shows the window number and 确认); nothing is paired — no device token, no
// cookie — until the confirm request with the same device nonce, from the same address, for that window.
import { afterEach, describe, expect, it } from 'vitest';
import { postJson, requestJson, staffToken, startTestServer, type TestServer } from '../helpers/server.ts';

let server: TestServer | null = null;
afterEach(async () => {
  await server?.stop();
  server = null;
});

const ratingWith = (device: string) =>
  fetch(`${server!.url}/api/windows/3/rating`, { headers: { 'X-Rate-Device': device } }).then((r) => r.status);

describe('rating tablet pairing', () => {
  it('a code typed without the tablet confirming does not pair', async () => {
    server = await startTestServer();
    const staff = await staffToken(server.url, 3);
    const code = await postJson<{ code: string }>(`${server.url}/api/windows/3/rating/pairing-code`, {}, staff);
    expect(code.status).toBe(200);

    const raw = await fetch(`${server.url}/api/windows/3/rating/pair`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ code: code.body.code }),
    });
    expect(raw.status).toBe(200);
    expect(raw.headers.get('set-cookie')).toBeNull();
    const started = (await raw.json()) as { paired: boolean; token?: string; nonce: string; windowNo: number };
    expect(started.paired).toBe(false);
    expect(started.token).toBeUndefined();
    expect(started.windowNo).toBe(3);
    // The nonce is not a device token.
    expect(await ratingWith(started.nonce)).toBe(401);

    // Another machine, or another window, cannot complete it.
    const elsewhere = await requestJson<{ error: { code: string } }>(
      server.url,
      'POST',
      '/api/windows/3/rating/pair/confirm',
      {
        body: { nonce: started.nonce },
        from: '127.0.0.77',
      },
    );
    expect(elsewhere.status).toBe(403);
    const otherWindow = await postJson(`${server.url}/api/windows/4/rating/pair/confirm`, { nonce: started.nonce });
    expect(otherWindow.status).toBe(403);

    // The tablet's own 确认 pairs it, once.
    const confirmed = await postJson<{ paired: boolean; token: string }>(
      `${server.url}/api/windows/3/rating/pair/confirm`,
      { nonce: started.nonce },
    );
    expect(confirmed.status).toBe(200);
    expect(confirmed.body.paired).toBe(true);
    expect(await ratingWith(confirmed.body.token)).toBe(200);
    const again = await postJson(`${server.url}/api/windows/3/rating/pair/confirm`, { nonce: started.nonce });
    expect(again.status).toBe(403);
  });
});
