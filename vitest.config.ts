import { defineConfig } from 'vitest/config';

// Test tiers (issue 27), each runnable alone: npm run test:unit | test:integration | test:browser.
// `npm test` runs all three. Integration and browser tests need `npm run build` first (dist/ pages and
// dist-server/main.mjs); the test:* scripts and `pretest` do it.
//   unit         pure code: codecs, layouts, rules, parsers, page logic — no server, pty, process or database
//   integration  real servers, child processes, ptys and sockets, SQLite databases, the .deb, biome itself
//   browser      tests/e2e: the built pages in Chromium against a real server
const INTEGRATION = [
  'tests/server/**',
  'tests/security/**',
  'tests/reliability/**',
  'tests/ops/**',
  'tests/packaging/**',
  'tests/fuzz/**',
  'tests/registers/**',
  'tests/privacy/**',
  'tests/lint/**',
  'tests/drivers/*-pty.test.ts',
  'tests/drivers/*-rtscts.test.ts',
  'tests/drivers/*-tcp.test.ts',
  'tests/drivers/*-lp.test.ts',
  'tests/drivers/*-usb.test.ts',
  'tests/drivers/*-sdtapi.test.ts',
  'tests/cases/migration.test.ts',
  'tests/handwriting/handwriting-api.test.ts',
  'tests/handwriting/handwriting-fuzz.test.ts',
  'tests/matters/centre-catalogue.test.ts',
  'tests/queue/group-commit.test.ts',
  'tests/queue/queue-store.test.ts',
  'tests/queue/place-in-line.test.ts',
  'tests/ratings/**',
  'tests/stats/stats.test.ts',
  'tests/district/ingest.test.ts',
  'tests/district/catch-up.test.ts',
  'tests/district/privacy.test.ts',
].map((p) => (p.endsWith('**') ? `${p}/*.test.{ts,tsx}` : p));
const BROWSER = ['tests/e2e/**/*.test.{ts,tsx}', 'tests/district/hall-to-page.test.ts'];
const ALL = ['tests/**/*.test.ts', 'tests/**/*.test.tsx'];

export default defineConfig({
  test: {
    environment: 'node',
    testTimeout: 30_000,
    hookTimeout: 60_000,
    pool: 'forks',
    reporters: ['default'],
    setupFiles: ['tests/setup/fast-check-seed.ts'],
    projects: [
      { extends: true, test: { name: 'unit', include: ALL, exclude: [...INTEGRATION, ...BROWSER] } },
      { extends: true, test: { name: 'integration', include: INTEGRATION } },
      { extends: true, test: { name: 'browser', include: BROWSER } },
    ],
  },
});
