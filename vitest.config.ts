import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';
import { WxtVitest } from 'wxt/testing/vitest-plugin';

// Node-side projects import shared modules as the extension does (`@/utils/…`).
const resolve = { alias: { '@': fileURLToPath(new URL('.', import.meta.url)) } };

// Three projects, one runner: unit tests sit beside their modules and run against WXT's
// fake browser; integration tests talk to the local backend through supabase-js; the
// end-to-end tests drive the production builds in real Chromium and Firefox.
export default defineConfig({
  test: {
    projects: [
      {
        plugins: [WxtVitest()],
        test: {
          name: 'unit',
          include: [
            'utils/**/*.test.{ts,tsx}',
            'components/**/*.test.{ts,tsx}',
            'entrypoints/**/*.test.{ts,tsx}',
            'supabase/local/**/*.test.ts',
            'tests/bench/**/*.test.ts',
            'tests/eval/**/*.test.ts',
          ],
          environment: 'happy-dom',
        },
      },
      {
        resolve,
        test: {
          name: 'integration',
          include: ['tests/integration/**/*.test.ts'],
          environment: 'node',
          testTimeout: 30_000,
          hookTimeout: 60_000,
          fileParallelism: false,
        },
      },
      {
        resolve,
        test: {
          name: 'e2e',
          include: ['tests/e2e/**/*.test.ts'],
          environment: 'node',
          testTimeout: 180_000,
          hookTimeout: 180_000,
          fileParallelism: false,
        },
      },
    ],
  },
});
