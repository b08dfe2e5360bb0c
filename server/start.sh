#!/bin/sh
# Starts the built server (dist-server/main.mjs) with the memory settings the kiosk runs with: V8 prefers a
# small heap (--optimize-for-size, a 1 MB young generation) and glibc keeps at most two malloc arenas. On a
# 10,000-ticket day this halves the resident memory (npm run bench prints the figure). `exec`: the server
# keeps this process id, so signals (and the kill -9 tests) reach node itself.
cd "$(dirname "$0")/.." || exit 1
MALLOC_ARENA_MAX=2 exec node --optimize-for-size --max-semi-space-size=1 dist-server/main.mjs "$@"
