import { randomUUID } from 'node:crypto';
import { defineConfig } from 'vitest/config';

// One id per run: the run's demo-world snapshot lives under it (tests/support/demo-world-snapshot.ts)
// and goes when the run ends, whatever other runs on the machine keep.
process.env.NEXTWORK_TEST_RUN ??= randomUUID();

export default defineConfig({
  test: {
    include: ['tests/**/*.test.ts'],
    // Each file's own DynamoDB Local is stopped when the file ends (tests/support/file-dynamodb.ts).
    setupFiles: ['tests/support/setup-file.ts'],
    globalSetup: ['tests/support/global-setup.ts'],
    testTimeout: 30_000,
    hookTimeout: 120_000,
    // Two cores: two workers keep DynamoDB Local and the servers from starving each other.
    maxWorkers: 2,
    // Request logs are for operations; tests assert behaviour, and warnings still show.
    env: {
      LOG_LEVEL: 'WARN',
      NEXTWORK_TEST_RUN: process.env.NEXTWORK_TEST_RUN,
      // Every file starts its own DynamoDB Local (tests/support/file-dynamodb.ts), a JVM that lives
      // seconds: the client compiler alone and the serial collector start it and seed the demo
      // world in about half the time the JVM's defaults take (measured side by side, alternating).
      JDK_JAVA_OPTIONS: '-XX:TieredStopAtLevel=1 -XX:+UseSerialGC',
    },
  },
});
