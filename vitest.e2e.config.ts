import { defineConfig } from 'vitest/config';

// Build tests (run the real build scripts) and browser tests (Chromium on built fixture sites).
export default defineConfig({
  test: {
    include: ['test/build/**/*.test.ts', 'test/browser/**/*.test.ts'],
    globalSetup: ['test/support/global-setup.ts'],
    environment: 'node',
    testTimeout: 120_000,
    hookTimeout: 600_000,
    // Builds are CPU-heavy and share dist folders; run files one at a time.
    fileParallelism: false,
  },
});
