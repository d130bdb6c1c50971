import { defineConfig } from 'vitest/config';

// Unit tests: pure logic in src/lib and src/schemas, no build, no browser.
export default defineConfig({
  test: {
    include: ['test/unit/**/*.test.ts'],
    environment: 'node',
    testTimeout: 20_000,
  },
});
