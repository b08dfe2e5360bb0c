// Property tests are deterministic in `npm test`: every fc.assert runs from the same fixed seed, so a
// clean-clone CI run can't fail on a case no earlier run saw. The nightly profile (tests/fuzz/nightly.sh)
// sets FUZZ_SEED to a random seed and prints it; replay a nightly failure with
//   FUZZ_SEED=<seed> FUZZ_RUNS=<runs> bash tests/fuzz/nightly.sh <file>
import fc from 'fast-check';

const FIXED_SEED = 20261206;

function seedFromEnv(): number {
  const raw = process.env.FUZZ_SEED;
  if (raw === undefined || raw.trim() === '') return FIXED_SEED;
  const seed = Number(raw);
  if (!Number.isSafeInteger(seed)) throw new Error(`FUZZ_SEED must be an integer, got "${raw}"`);
  return seed;
}

fc.configureGlobal({ ...fc.readConfigureGlobal(), seed: seedFromEnv() });
