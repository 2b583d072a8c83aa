import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['tests/**/*.test.ts'],
    setupFiles: ['tests/setup.ts'],
    // Property tests on generated graphs take a few seconds each on this 2-core machine.
    testTimeout: 60_000,
    hookTimeout: 120_000,
  },
});
