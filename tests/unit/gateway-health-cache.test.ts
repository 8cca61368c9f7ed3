import { describe, expect, it } from 'vitest';
import type { HealthReport } from '#gateway/health';
import { cachedHealthCheck } from '#gateway/health-cache';

/** A health check that counts how often it asks the subgraphs (four calls each time). */
function countingCheck() {
  const counted = { checks: 0 };
  const check = async (): Promise<HealthReport> => {
    counted.checks += 1;
    await new Promise((resolve) => setTimeout(resolve, 5));
    return {
      healthy: true,
      subgraphs: {
        people: 'up',
        companies: 'up',
        placements: 'up',
        'learning-community': 'up',
      },
      dynamodb: 'up',
    };
  };
  return { counted, check };
}

describe('the cached health check (issue 18, class 8)', () => {
  it('asks the subgraphs once for a flood of 500 concurrent and 500 later calls within the interval', async () => {
    // Prepare
    let clock = 1_000_000;
    const { counted, check } = countingCheck();
    const health = cachedHealthCheck(check, { ttlMs: 5_000, now: () => clock });
    // Act
    const concurrent = await Promise.all(Array.from({ length: 500 }, () => health()));
    clock += 4_999;
    for (let i = 0; i < 500; i++) await health();
    // Assess
    expect(concurrent.every((report) => report.healthy)).toBe(true);
    expect(counted.checks).toBe(1);
  });

  it('asks again once the interval has passed', async () => {
    // Prepare
    let clock = 0;
    const { counted, check } = countingCheck();
    const health = cachedHealthCheck(check, { ttlMs: 5_000, now: () => clock });
    await health();
    // Act
    clock += 5_000;
    await health();
    await health();
    // Assess
    expect(counted.checks).toBe(2);
  });

  it('asks again within the interval once real traffic found a subgraph not answering', async () => {
    // Prepare
    const { counted, check } = countingCheck();
    const health = cachedHealthCheck(check, { ttlMs: 5_000, now: () => 0 });
    await health();
    // Act
    health.invalidate();
    await health();
    await health();
    // Assess
    expect(counted.checks).toBe(2);
  });
});
