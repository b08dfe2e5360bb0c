#!/usr/bin/env bash
# Nightly fuzz profile: every fuzz property runs FUZZ_RUNS cases (default 100,000; `npm test` runs the
# small quick counts instead, see tests/helpers/fuzz-runs.ts). Then a summary of the cases each file ran.
#   bash tests/fuzz/nightly.sh                                   # all fuzz files, 100,000 cases each
#   FUZZ_RUNS=10000 bash tests/fuzz/nightly.sh tests/drivers/scanner-fuzz.test.ts
# FUZZ_TIMEOUT_MS: per-test timeout (default 3 hours; a 100,000-case property takes minutes).
set -euo pipefail
cd "$(dirname "$0")/../.."

export FUZZ_RUNS="${FUZZ_RUNS:-100000}"
# `npm test` runs every property from one fixed seed (tests/setup/fast-check-seed.ts); the nightly run
# draws a fresh one and prints it, so a failure can be replayed with FUZZ_SEED=<seed>.
export FUZZ_SEED="${FUZZ_SEED:-$(( (RANDOM << 15) | RANDOM ))}"
echo "fuzz seed: FUZZ_SEED=$FUZZ_SEED (replay: FUZZ_SEED=$FUZZ_SEED FUZZ_RUNS=$FUZZ_RUNS bash tests/fuzz/nightly.sh <file>)"
timeout_ms="${FUZZ_TIMEOUT_MS:-10800000}"
files=(
  tests/drivers/idcard-fuzz.test.ts
  tests/drivers/scanner-fuzz.test.ts
  tests/drivers/printer-fuzz.test.ts
  tests/drivers/printer-codec.test.ts
  tests/matters/catalogue-csv.test.ts
  tests/config/config.test.ts
  tests/fuzz/http-ws-fuzz.test.ts
  tests/fuzz/raw-socket-fuzz.test.ts
)
if [ "$#" -gt 0 ]; then files=("$@"); fi

log="$(mktemp)"
trap 'rm -f "$log"' EXIT
started=$SECONDS
status=0
npx vitest run --testTimeout="$timeout_ms" "${files[@]}" 2>&1 | tee "$log" || status=$?

# Each property logs "fuzz <file> › <test>: N cases" (or "FAIL (asked for N cases)") when its test ends.
echo
echo "== fuzz cases per file (FUZZ_SEED=$FUZZ_SEED, FUZZ_RUNS=$FUZZ_RUNS, $((SECONDS - started)) s) =="
for f in "${files[@]}"; do
  awk -v p="fuzz $f › " '
    { gsub(/\033\[[0-9;]*m/, "") } # vitest colours
    index($0, p) != 1 { next }
    / cases$/ { ok++; n += $(NF - 1); next }
    { bad++ }
    END { printf "%-40s %2d properties, %9d cases%s\n", substr(p, 6, length(p) - 9), ok, n, bad ? sprintf(", %d NOT PASSED", bad) : "" }' "$log"
done
exit "$status"
