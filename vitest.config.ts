import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['tests/**/*.test.ts'],
    globalSetup: ['tests/support/global-setup.ts'],
    testTimeout: 30_000,
    hookTimeout: 120_000,
    // Two cores: two workers keep DynamoDB Local and the servers from starving each other.
    maxWorkers: 2,
    // Request logs are for operations; tests assert behaviour, and warnings still show.
    env: { LOG_LEVEL: 'WARN' },
  },
});
