// 急事特办 in the call order (issue 21; 限时办结制度 第三条 "紧急事项应急事特办，随到随办"): urgentFirst is the one rule,
// pickNext applies it, and callPlaces (前面等候 N 人) stays the exact order the windows will call in.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  callPlaces,
  lineKey,
  pickNext,
  tier,
  urgentFirst,
  type Queued,
  type WindowForPick,
} from '../../server/contract/queue-rules.ts';

const q = (id: string, orderKey: number, extra: Partial<Queued> = {}): Queued => ({
  id,
  categoryId: 'civil',
  priority: null,
  priorityConfirmed: true,
  appointmentId: null,
  targetWindowNo: null,
  orderKey,
  ...extra,
});
const w = (no: number, categoryIds: string[], normalSincePriority = 0): WindowForPick => ({
  no,
  categoryIds,
  normalSincePriority,
});

describe('urgentFirst and pickNext', () => {
  it('an urgent ticket goes before an appointment, a confirmed green channel and the preferred category', () => {
    const waiting = [
      q('appt', 1, { appointmentId: 'a1' }),
      q('green', 2, { priority: 'elderly' }),
      q('e1', 0, { categoryId: 'disabled' }),
      q('late-urgent', 9, { urgent: true }),
    ];
    expect(pickNext(w(5, ['disabled', 'civil'], 99), waiting, 2)?.id).toBe('late-urgent');
  });

  it("the earliest urgent ticket of the window's categories, whatever the category preference", () => {
    const waiting = [q('b-urgent', 5, { urgent: true }), q('e-urgent', 7, { categoryId: 'disabled', urgent: true })];
    expect(urgentFirst(waiting)?.id).toBe('b-urgent');
    expect(pickNext(w(5, ['disabled', 'civil']), waiting, 2)?.id).toBe('b-urgent');
  });

  it('a window not serving the category, or a ticket transferred to another window, is unaffected', () => {
    const waiting = [q('b-urgent', 5, { urgent: true }), q('c1', 1, { categoryId: 'labor' })];
    expect(pickNext(w(3, ['labor']), waiting, 2)?.id).toBe('c1');
    const targeted = [q('b-urgent', 5, { urgent: true, targetWindowNo: 5 }), q('b1', 1)];
    expect(pickNext(w(4, ['civil']), targeted, 2)?.id).toBe('b1');
  });

  it('urgent tickets stand in their own line', () => {
    expect(lineKey(q('x', 1, { urgent: true, priority: 'elderly' }))).toBe('civil|u');
    expect(lineKey(q('y', 1))).toBe('civil|2');
  });
});

/** The call order by brute force: windows in turn (by number), each calling pickNext over everything left. */
function simulate(windows: WindowForPick[], waiting: Queued[], n: number): Map<string, number> {
  const left = [...waiting];
  const turns = [...windows].sort((a, b) => a.no - b.no).map((x) => ({ ...x, called: 0 }));
  const places = new Map<string, number>();
  for (let progress = true; progress; ) {
    progress = false;
    for (const t of turns) {
      const next = pickNext(t, left, n);
      if (!next) continue;
      left.splice(left.indexOf(next), 1);
      places.set(
        next.id,
        turns.filter((o) => o.categoryIds.includes(next.categoryId)).reduce((s, o) => s + o.called, 0),
      );
      t.called++;
      const k = tier(next);
      if (k === 2) t.normalSincePriority++;
      else if (k === 1) t.normalSincePriority = 0;
      progress = true;
    }
  }
  return places;
}

describe('callPlaces with urgent tickets', () => {
  it('equals the brute-force call order (places in line stay true)', () => {
    const cats = ['civil', 'disabled', 'labor'];
    const ticket = fc.record({
      category: fc.constantFrom(...cats),
      urgent: fc.boolean(),
      kind: fc.constantFrom('normal', 'green', 'declared', 'appt'),
      target: fc.constantFrom(null, null, null, 4, 5),
    });
    fc.assert(
      fc.property(fc.array(ticket, { maxLength: 14 }), fc.integer({ min: 1, max: 3 }), (specs, n) => {
        const waiting = specs.map((s, i) =>
          q(`t${i}`, i + 1, {
            categoryId: s.category,
            urgent: s.urgent,
            priority: s.kind === 'green' || s.kind === 'declared' ? 'disabled' : null,
            priorityConfirmed: s.kind !== 'declared',
            appointmentId: s.kind === 'appt' ? `a${i}` : null,
            targetWindowNo: s.target,
          }),
        );
        const windows = [w(3, ['labor']), w(4, ['civil']), w(5, ['disabled', 'civil'], 1)];
        expect(callPlaces(windows, waiting, n)).toEqual(simulate(windows, waiting, n));
      }),
      { numRuns: 300 },
    );
  });
});
