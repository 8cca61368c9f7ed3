import { beforeAll, describe, expect, it, vi } from 'vitest';
import { createInMemoryRateLimiter, createRateLimiter, rateLimitKey } from '#gateway/rate-limit';
import { logger } from '#kernel/logger';
import type { Table } from '#kernel/table/table';
import { createTestTable } from '../support/table.ts';

/** 10:00:30 on a day: half way through a one-minute window. */
const MID_WINDOW = Date.UTC(2026, 3, 29, 10, 0, 30);

describe('the per-identity rate limit (fixed window in DynamoDB)', () => {
  let table: Table;

  beforeAll(async () => {
    table = await createTestTable();
  });

  it('lets the limit through, refuses the next with the seconds left in the window, and starts again', async () => {
    // Prepare
    let now = MID_WINDOW;
    const limit = createRateLimiter({ table, limitPerMinute: 3, now: () => now });
    // Act
    const decisions = [];
    for (let i = 0; i < 4; i++) decisions.push(await limit('staff-1'));
    now += 30_000;
    const nextWindow = await limit('staff-1');
    // Assess
    expect(decisions).toEqual([
      { allowed: true, remaining: 2 },
      { allowed: true, remaining: 1 },
      { allowed: true, remaining: 0 },
      { allowed: false, retryAfterSeconds: 30 },
    ]);
    expect(nextWindow).toEqual({ allowed: true, remaining: 2 });
  });

  it('counts each identity apart', async () => {
    // Prepare
    const limit = createRateLimiter({ table, limitPerMinute: 1, now: () => MID_WINDOW });
    // Act
    const first = await limit('youth-a');
    const second = await limit('youth-b');
    const again = await limit('youth-a');
    // Assess
    expect([first.allowed, second.allowed, again.allowed]).toEqual([true, true, false]);
  });

  it('shares the count between instances through the table', async () => {
    // Prepare: two gateway instances, as two Lambda containers
    const one = createRateLimiter({ table, limitPerMinute: 2, now: () => MID_WINDOW });
    const other = createRateLimiter({ table, limitPerMinute: 2, now: () => MID_WINDOW });
    // Act
    await one('contact-1');
    await other('contact-1');
    const third = await one('contact-1');
    // Assess
    expect(third.allowed).toBe(false);
  });

  it('keeps one counter item per identity and window, with a TTL and without the subject', async () => {
    // Prepare
    const limit = createRateLimiter({ table, limitPerMinute: 100, now: () => MID_WINDOW });
    const window = Math.floor(MID_WINDOW / 60_000);
    // Act
    await limit('y-265-007');
    await limit('y-265-007');
    const item = await table.get(rateLimitKey('y-265-007', window));
    // Assess
    expect(item).toMatchObject({ requests: 2, expiresAt: (window + 1) * 60 + 60 });
    expect(JSON.stringify(item)).not.toContain('y-265-007');
  });

  it('lets requests through when the table cannot be reached, rather than failing them all', async () => {
    // Prepare
    const broken = { update: () => Promise.reject(new Error('unreachable')) } as unknown as Table;
    const limit = createRateLimiter({ table: broken, limitPerMinute: 1 });
    const logged = vi.spyOn(logger, 'error').mockImplementation(() => {});
    // Act
    const decision = await limit('staff-1');
    // Assess
    expect(decision.allowed).toBe(true);
    expect(logged).toHaveBeenCalledOnce();
    logged.mockRestore();
  });

  it('keeps the same limit in memory where no table is configured', async () => {
    // Prepare
    const limit = createInMemoryRateLimiter(2, () => MID_WINDOW);
    // Act
    const decisions = [await limit('s'), await limit('s'), await limit('s')];
    // Assess
    expect(decisions.map((d) => d.allowed)).toEqual([true, true, false]);
  });
});
