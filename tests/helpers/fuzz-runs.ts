// How many cases a fuzz property runs. `npm test` is the quick profile: each property keeps the small
// count it passes here, so the whole suite stays fast. The nightly profile (tests/fuzz/nightly.sh) sets
// FUZZ_RUNS, e.g. 100000, and every property runs that many cases and logs "fuzz <file> › <test>: N cases"
// when its test ends, so the nightly log shows what really ran. A FUZZ_RUNS that is not a positive
// integer is an error, never a silent fall back to the quick profile. Call it inside the test body.
// Seeds: fixed in `npm test`, random and printed in the nightly run (tests/setup/fast-check-seed.ts).
import { onTestFinished } from 'vitest';

export function fuzzRuns(quick: number): number {
  const raw = process.env.FUZZ_RUNS;
  if (raw === undefined || raw.trim() === '') return quick;
  const runs = Number(raw);
  if (!Number.isSafeInteger(runs) || runs <= 0) {
    throw new Error(`FUZZ_RUNS must be a positive integer (number of cases per fuzz property), got "${raw}"`);
  }
  onTestFinished(({ task }) => {
    const state = task.result?.state ?? 'unknown';
    console.log(
      `fuzz ${task.file.name} › ${task.name}: ${state === 'pass' ? `${runs} cases` : `${state.toUpperCase()} (asked for ${runs} cases, FUZZ_SEED=${process.env.FUZZ_SEED ?? 'fixed'})`}`,
    );
  });
  return runs;
}
