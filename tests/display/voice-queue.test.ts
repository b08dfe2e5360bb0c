// The announcement queue: one at a time, in arrival order, none dropped, each said twice after a chime.
import { describe, expect, it } from 'vitest';
import { AnnouncementQueue, type AnnouncementEntry, type VoicePlayer } from '../../kiosk/display/voice-queue.ts';
import type { CallRecord } from '../../server/contract/queue.ts';

function call(number: string, windowNo: number, recall = false): CallRecord {
  return {
    ticketId: `t-${number}`,
    number,
    windowNo,
    windowName: `${windowNo}号`,
    at: new Date().toISOString(),
    recall,
    announcement: `请${number}号到${windowNo}号窗口办理`,
  };
}

/** A player that records what it does and takes `ms` per sound; it notes any overlap. */
function recordingPlayer(ms: number) {
  const events: string[] = [];
  let busy = false;
  let overlaps = 0;
  const sound = async (name: string) => {
    if (busy) overlaps++;
    busy = true;
    events.push(name);
    await new Promise((r) => setTimeout(r, ms));
    busy = false;
  };
  const player: VoicePlayer = {
    mode: 'clips',
    chime: () => sound('chime'),
    say: (s) => sound(s),
    describe: () => ({ clips: ['x'] }),
  };
  return { player, events, overlaps: () => overlaps };
}

describe('AnnouncementQueue', () => {
  it('says two calls that arrive together one after the other, in order, each twice after a chime', async () => {
    const rec = recordingPlayer(5);
    const log: AnnouncementEntry[] = [];
    const q = new AnnouncementQueue(rec.player, (e) => log.push(e), 1);
    q.enqueue(call('A012', 3));
    q.enqueue(call('B003', 4));
    expect(q.pending).toBe(2);
    await q.idle();
    expect(rec.events).toEqual([
      'chime',
      '请A零一二号到三号窗口办理',
      '请A零一二号到三号窗口办理',
      'chime',
      '请B零零三号到四号窗口办理',
      '请B零零三号到四号窗口办理',
    ]);
    expect(rec.overlaps()).toBe(0);
    expect(log.map((e) => [e.text, e.repeat])).toEqual([
      ['请A012号到3号窗口办理', 1],
      ['请A012号到3号窗口办理', 2],
      ['请B003号到4号窗口办理', 1],
      ['请B003号到4号窗口办理', 2],
    ]);
    expect(log[0]).toMatchObject({
      spoken: '请A零一二号到三号窗口办理',
      number: 'A012',
      windowNo: 3,
      mode: 'clips',
      clips: ['x'],
    });
    expect(q.pending).toBe(0);
  });

  it('drops nothing when calls keep arriving while it speaks', async () => {
    const rec = recordingPlayer(3);
    const log: AnnouncementEntry[] = [];
    const q = new AnnouncementQueue(rec.player, (e) => log.push(e), 0);
    const numbers = ['A001', 'A002', 'C010', 'D100', 'F999'];
    for (const [i, n] of numbers.entries()) setTimeout(() => q.enqueue(call(n, i + 1, i === 2)), i * 4);
    await new Promise((r) => setTimeout(r, 30));
    await q.idle();
    expect(log.filter((e) => e.repeat === 1).map((e) => e.number)).toEqual(numbers);
    expect(log).toHaveLength(numbers.length * 2);
    expect(log[4]!.recall).toBe(true);
    expect(rec.overlaps()).toBe(0);
  });

  it('goes on with the next call when the sound device fails', async () => {
    const log: AnnouncementEntry[] = [];
    const failing: VoicePlayer = {
      mode: 'speech',
      chime: () => Promise.reject(new Error('no device')),
      say: () => Promise.reject(new Error('no device')),
      describe: () => ({}),
    };
    const q = new AnnouncementQueue(failing, (e) => log.push(e), 0);
    q.enqueue(call('A001', 1));
    q.enqueue(call('A002', 2));
    await q.idle();
    expect(log.map((e) => `${e.number}#${e.repeat}`)).toEqual(['A001#1', 'A001#2', 'A002#1', 'A002#2']);
  });
});
