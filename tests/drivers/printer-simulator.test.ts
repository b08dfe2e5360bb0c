// The simulator on its own: fed bytes as SimBinding would, answers read off its transmit line.
import { describe, expect, it } from 'vitest';
import { KEPT_JOBS, PrinterSimulator } from '../../drivers/printer/printer-simulator.ts';

const bytes = (h: string): Buffer => Buffer.from(h.replace(/\s+/g, ''), 'hex');

// ESC @, "AB", LF, GS V 42 30 (partial cut) — one job
const JOB_1 = bytes('1b40 4142 0a 1d564230');
// ESC @, "CD", LF, GS V 00 (full cut) — another
const JOB_2 = bytes('1b40 4344 0a 1d5600');

function attached() {
  const sim = new PrinterSimulator();
  const answers: number[] = [];
  sim.attach((b) => answers.push(...b));
  return { sim, answers };
}

describe('printer simulator', () => {
  it('answers DLE EOT 1–4 from its condition and ignores other n', () => {
    const { sim, answers } = attached();
    sim.receive(bytes('100401 100402 100403 100404 100409'));
    expect(answers).toEqual([0x12, 0x12, 0x12, 0x12]); // all clear; n = 9 is not a request
    sim.setPaper('near-end');
    sim.receive(bytes('100404'));
    expect(answers.at(-1)).toBe(0x1e); // 0001 1110: near end
    sim.setCover(true);
    sim.receive(bytes('100401 100402'));
    expect(answers.slice(-2)).toEqual([0x1a, 0x16]); // offline; cover open
  });

  it('splits jobs at the cut, across arbitrary chunks, and leaves status requests out of them', () => {
    const { sim } = attached();
    const stream = Buffer.concat([JOB_1.subarray(0, 3), bytes('100404'), JOB_1.subarray(3), JOB_2]);
    for (let i = 0; i < stream.length; i += 2) sim.receive(stream.subarray(i, i + 2));
    expect(sim.printedJobs().map((j) => Buffer.from(j).toString('hex'))).toEqual([
      JOB_1.toString('hex'),
      JOB_2.toString('hex'),
    ]);
  });

  it('keeps only the last KEPT_JOBS jobs (a day of slips stays bounded) and counts them all', () => {
    const { sim } = attached();
    for (let i = 0; i < KEPT_JOBS + 3; i++) sim.receive(i % 2 ? JOB_2 : JOB_1);
    expect(sim.printedCount).toBe(KEPT_JOBS + 3);
    const kept = sim.printedJobs();
    expect(kept).toHaveLength(KEPT_JOBS);
    expect(Buffer.from(kept[0]!).toString('hex')).toBe(JOB_2.toString('hex')); // job 4 (index 3) is the oldest kept
  });

  it('out of paper: still answers status, prints nothing, counts the lost job', () => {
    const { sim, answers } = attached();
    sim.setPaper('out');
    sim.receive(Buffer.concat([bytes('100401'), JOB_1, bytes('100404')]));
    expect(answers).toEqual([0x1a, 0x7e]); // offline; near end + paper end
    expect(sim.printedJobs()).toEqual([]);
    expect(sim.discardedJobs).toBe(1);
    sim.setPaper('ok');
    sim.receive(JOB_2);
    expect(sim.printedJobs().length).toBe(1);
  });

  it('switched off: no answers; an unplug mid-job loses the half job', () => {
    const { sim, answers } = attached();
    sim.setPower(false);
    sim.receive(bytes('100401'));
    expect(answers).toEqual([]);
    sim.setPower(true);
    sim.receive(JOB_1.subarray(0, 4));
    sim.detach();
    sim.attach(() => {});
    sim.receive(JOB_2);
    expect(sim.printedJobs().map((j) => Buffer.from(j).toString('hex'))).toEqual([JOB_2.toString('hex')]);
    expect(sim.discardedJobs).toBe(1);
  });
});
