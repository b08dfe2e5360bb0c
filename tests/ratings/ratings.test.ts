// 好差评: a finished ticket opens a rating for its window's tablet; no answer by the deadline records
// not-rated (never a good rating), durably across a restart; only the pending rating of a ticket finished
// at that window accepts a verdict; a follow-up takes a bad rating off the supervisor's list.
import { httpStatus } from '../../server/http/error-status.ts';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openDb, type Db } from '../../server/store/db.ts';
import { QueueStore, type Change } from '../../server/queue/store.ts';
import { GroupCommit } from '../../server/store/group-commit.ts';
import { RatingService } from '../../server/ratings/service.ts';
import type { AppContext } from '../../server/app-context.ts';
import type { Outgoing } from '../../server/ws/hub.ts';
import { RATING_VALUES } from '../../server/contract/ratings.ts';
import { type WsRole } from '../../server/contract/ws.ts';
import { manualClock, testConfig } from '../helpers/config.ts';

const open: Db[] = [];
const services: RatingService[] = [];
afterEach(() => {
  for (const s of services.splice(0)) s.stop();
  for (const db of open.splice(0)) if (db.open) db.close();
});

const china = (time: string) => new Date(Date.parse(`2026-11-23T${time}+08:00`)).toISOString();

/** The real stores and rating service with a recording hub in place of the WebSocket server. */
function setup(file = ':memory:', clock = manualClock(china('09:00:00'))) {
  const config = testConfig();
  const db = openDb(file);
  open.push(db);
  const store = new QueueStore(db, config, clock, () => true);
  const published: { msg: Outgoing; roles: WsRole[] }[] = [];
  const listeners = new Set<(c: Change) => void>();
  const ctx = {
    config,
    clock,
    db,
    store,
    commit: new GroupCommit(db),
    log: () => {},
    // Each role as the hub would see it; the rate tablet is the one paired with the message's window.
    hub: {
      publish: (msg: Outgoing, only?: (r: WsRole, client: { windowNo: number | null }) => boolean) => {
        const windowNo = 'request' in msg ? msg.request.windowNo : 'windowNo' in msg ? (msg.windowNo as number) : null;
        published.push({
          msg,
          roles: (['kiosk', 'display', 'console', 'rate'] as WsRole[]).filter(
            (r) => !only || only(r, { windowNo: r === 'rate' ? windowNo : null }),
          ),
        });
      },
    },
    onChange(l: (c: Change) => void) {
      listeners.add(l);
      return () => listeners.delete(l);
    },
  } as unknown as AppContext;
  const service = new RatingService(ctx);
  services.push(service);
  service.start();
  /**
   * What app.ts does after a command: every published change reaches ctx.onChange listeners. The rating
   * row goes through the group commit (next turn of the event loop), so wait for it to be committed.
   */
  const publish = async (change: Change) => {
    listeners.forEach((l) => l(change));
    await new Promise((r) => setImmediate(() => setImmediate(r)));
  };
  const serve = async (categoryId: string, windowNo: number, staff: string) => {
    const ticket = store.issue({ categoryId }, 'kiosk').ticket;
    await publish(store.callNext(windowNo, staff));
    clock.advance(60_000);
    await publish(store.finish(windowNo, staff));
    return ticket;
  };
  return { db, clock, store, service, published, publish, serve, file };
}

describe('rating requests', () => {
  it('a finished ticket sends rating.request to the rate tablets and consoles only, with a deadline', async () => {
    const { serve, published, service, clock } = setup();
    const t = await serve('labor', 3, 'w3a');
    const sent = published.find((p) => p.msg.type === 'rating.request')!;
    expect(sent.msg).toEqual({
      type: 'rating.request',
      request: {
        ticketId: t.id,
        number: t.number,
        windowNo: 3,
        deadline: new Date(clock().getTime() + 60_000).toISOString(),
      },
    });
    expect(sent.roles).toEqual(['console', 'rate']);
    expect(service.store.pending(3)).toEqual((sent.msg as { request: unknown }).request);
    expect(service.store.pending(4)).toBeNull();
    expect(service.store.get(t.id)).toMatchObject({ staffId: 'w3a', categoryId: 'labor', value: null });
  });

  it('the same change published twice opens one rating', async () => {
    const { store, publish, published, clock } = setup();
    store.issue({ categoryId: 'labor' }, 'kiosk');
    store.callNext(3, 'w3a');
    clock.advance(1000);
    const change = store.finish(3, 'w3a');
    await publish(change);
    await publish(change);
    expect(published.filter((p) => p.msg.type === 'rating.request')).toHaveLength(1);
  });
});

describe('no answer is recorded as not rated, never as a good rating', () => {
  it('the sweep closes a rating at its deadline as not-rated and publishes rating.closed', async () => {
    const { serve, service, clock, published } = setup();
    const t = await serve('labor', 3, 'w3a');
    clock.advance(59_000);
    expect(service.sweep()).toEqual([]);
    expect(service.store.get(t.id)!.value).toBeNull();
    clock.advance(1_000);
    expect(service.sweep()).toEqual([{ ticketId: t.id, windowNo: 3, rated: false }]);
    const rating = service.store.get(t.id)!;
    expect(rating.value).toBe('not-rated');
    expect(RATING_VALUES as readonly string[]).not.toContain(rating.value);
    expect(rating.closeReason).toBe('timeout');
    expect(published.at(-1)!.msg).toEqual({ type: 'rating.closed', ticketId: t.id, windowNo: 3, rated: false });
    // A late tap changes nothing.
    expect(() => service.store.answer(3, t.id, 'very-satisfied', [])).toThrow(/已结束，记为未评价/);
    expect(service.store.get(t.id)!.value).toBe('not-rated');
  });

  it('a verdict after the deadline, before the sweep, is refused and recorded as not-rated', async () => {
    const { serve, service, clock } = setup();
    const t = await serve('labor', 3, 'w3a');
    clock.advance(61_000);
    const result = service.store.answer(3, t.id, 'satisfied', []);
    expect(result.ok).toBe(false);
    expect(!result.ok && httpStatus(result.failure)).toBe(409);
    expect(service.store.get(t.id)!.value).toBe('not-rated');
  });

  it('survives a restart: expired pending ratings close as not-rated, live ones stay answerable', async () => {
    const file = join(mkdtempSync(join(tmpdir(), 'ratings-')), 'kiosk.sqlite');
    const clock = manualClock(china('09:00:00'));
    const first = setup(file, clock);
    const old = await first.serve('labor', 3, 'w3a');
    clock.advance(30_000);
    const fresh = await first.serve('civil', 4, 'w4a');
    first.service.stop();
    first.db.close();
    clock.advance(40_000); // old is 70 s past its finish, fresh 40 s
    const again = setup(file, clock); // start() sweeps at once
    expect(again.service.store.get(old.id)).toMatchObject({ value: 'not-rated', closeReason: 'timeout' });
    expect(again.service.store.pending(4)).toMatchObject({ ticketId: fresh.id });
    const answered = again.service.store.answer(4, fresh.id, 'satisfied', []);
    expect(answered.ok && answered.rating.value).toBe('satisfied');
  });

  it('finishing the next ticket at the window closes the previous pending rating as not-rated', async () => {
    const { serve, service, published } = setup();
    const first = await serve('labor', 3, 'w3a');
    const second = await serve('labor', 3, 'w3a');
    expect(service.store.get(first.id)).toMatchObject({ value: 'not-rated', closeReason: 'superseded' });
    expect(service.store.pending(3)!.ticketId).toBe(second.id);
    expect(published.map((p) => p.msg.type)).toEqual(['rating.request', 'rating.closed', 'rating.request']);
  });
});

describe('only the pending rating of a ticket finished at that window accepts a verdict', () => {
  it('refuses a ticket finished at another window, a ticket never finished, an unknown id and a second verdict', async () => {
    const { serve, service, store } = setup();
    const atFour = await serve('civil', 4, 'w4a');
    const waiting = store.issue({ categoryId: 'labor' }, 'kiosk').ticket;
    expect(() => service.store.answer(3, atFour.id, 'very-dissatisfied', [])).toThrow(/没有该号码的待评价记录/);
    expect(() => service.store.answer(3, waiting.id, 'very-satisfied', [])).toThrow(/没有该号码的待评价记录/);
    expect(() => service.store.answer(3, 'no-such-ticket', 'very-satisfied', [])).toThrow(/没有该号码的待评价记录/);
    expect(service.store.get(atFour.id)!.value).toBeNull();
    const ok = service.store.answer(4, atFour.id, 'satisfied', []);
    expect(ok.ok).toBe(true);
    expect(() => service.store.answer(4, atFour.id, 'very-dissatisfied', [])).toThrow(/已经评价过了/);
    expect(service.store.get(atFour.id)!.value).toBe('satisfied');
  });

  it('reasons only for 不满意 and 非常不满意, and only from the list', async () => {
    const { serve, service } = setup();
    const t = await serve('labor', 3, 'w3a');
    expect(() => service.store.answer(3, t.id, 'satisfied', ['等候时间太长'])).toThrow(
      /只有“不满意”或“非常不满意”可以选择原因/,
    );
    expect(() => service.store.answer(3, t.id, 'dissatisfied', ['随便写的'])).toThrow(/不认识的原因/);
    expect(service.store.get(t.id)!.value).toBeNull();
    const r = service.store.answer(3, t.id, 'dissatisfied', ['等候时间太长', '办事效率低']);
    expect(r.ok && r.rating.reasons).toEqual(['等候时间太长', '办事效率低']);
  });
});

describe('bad ratings and their follow-up (整改)', () => {
  it('a bad rating is listed until someone records the follow-up; the event log keeps who and what', async () => {
    const { serve, service, db } = setup();
    const bad = await serve('labor', 3, 'w3a');
    service.store.answer(3, bad.id, 'very-dissatisfied', ['服务态度不好']);
    const good = await serve('civil', 4, 'w4a');
    service.store.answer(4, good.id, 'very-satisfied', []);
    const list = service.store.bad({ open: true });
    expect(list.map((r) => r.ticketId)).toEqual([bad.id]);
    expect(() => service.store.followUp(list[0]!.id, '   ', 'admin')).toThrow(/请填写整改情况/);
    expect(() => service.store.followUp(service.store.get(good.id)!.id, '无需整改', 'admin')).toThrow(/只有/);
    const done = service.store.followUp(list[0]!.id, '已约谈窗口人员，电话回访群众致歉', 'admin');
    expect(done).toMatchObject({ followUp: '已约谈窗口人员，电话回访群众致歉', followUpBy: 'admin' });
    expect(service.store.bad({ open: true })).toEqual([]);
    expect(service.store.bad({ open: false }).map((r) => r.ticketId)).toEqual([bad.id]);
    const event = db.prepare("SELECT actor, data FROM events WHERE type = 'rating.follow-up'").get() as {
      actor: string;
      data: string;
    };
    expect(event.actor).toBe('admin');
    expect(JSON.parse(event.data)).toMatchObject({ before: null, after: '已约谈窗口人员，电话回访群众致歉' });
  });
});
