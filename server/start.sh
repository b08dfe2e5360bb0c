#!/bin/sh
# Starts the built server (dist-server/main.mjs) with the memory settings the kiosk runs with: a 1 MB young
# generation and one glibc malloc arena, which the housekeeping's malloc_trim empties (with a second arena
# for V8's helper threads, 15 MB more stayed resident after a busy day). --optimize-for-size was dropped: it
# made the queue's call order three times slower and did not lower the RSS (issue 26, npm run bench:memory).
# `exec`: the server keeps this process id, so signals (and the kill -9 tests) reach node itself.
cd "$(dirname "$0")/.." || exit 1
MALLOC_ARENA_MAX=1 exec node --max-semi-space-size=1 dist-server/main.mjs "$@"
