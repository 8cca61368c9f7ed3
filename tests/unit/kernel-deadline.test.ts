import { describe, expect, it } from 'vitest';
import { deadlineIn, NO_DEADLINE, requestDeadline } from '#kernel/deadline';
import { TemporarilyUnavailableError } from '#kernel/errors';
import { loadedOnce } from '#kernel/loaded-once';
import { refuseAfterDeadline } from '#kernel/table/failures';

describe('request deadlines', () => {
  it("take the subgraph's own limit when the gateway sends none or a later one", () => {
    // Prepare
    const now = () => 1_000_000;
    // Act
    const without = requestDeadline(undefined, 6_000, now);
    const later = requestDeadline(String(1_000_000 + 20_000), 6_000, now);
    const malformed = requestDeadline('soon', 6_000, now);
    // Assess
    expect(without.at).toBe(1_006_000);
    expect(later.at).toBe(1_006_000);
    expect(malformed.at).toBe(1_006_000);
  });

  it("take the gateway's deadline when it comes sooner", () => {
    // Prepare
    const now = () => 1_000_000;
    // Act
    const sooner = requestDeadline(String(1_000_000 + 2_500), 6_000, now);
    // Assess
    expect(sooner.at).toBe(1_002_500);
    expect(sooner.remainingMs()).toBe(2_500);
  });

  it('refuse a call with no time left, before anything is sent', () => {
    // Prepare
    let clock = 0;
    const deadline = deadlineIn(100, () => clock);
    // Act
    clock = 100;
    // Assess
    expect(() => refuseAfterDeadline(deadline)).toThrow(TemporarilyUnavailableError);
    expect(() => refuseAfterDeadline(NO_DEADLINE)).not.toThrow();
  });
});

describe('a value loaded once', () => {
  it('is loaded again after a failed load, and kept once a load succeeds', async () => {
    // Prepare: the first load fails (Secrets Manager unreachable at a cold start)
    let calls = 0;
    const load = loadedOnce(async () => {
      calls += 1;
      if (calls === 1) throw new Error('unreachable');
      return `key-${calls}`;
    });
    // Act
    const first = load();
    await expect(first).rejects.toThrow('unreachable');
    const second = await load();
    const third = await load();
    // Assess
    expect(second).toBe('key-2');
    expect(third).toBe('key-2');
    expect(calls).toBe(2);
  });

  it('shares one load between concurrent callers', async () => {
    // Prepare
    let calls = 0;
    const load = loadedOnce(async () => {
      calls += 1;
      return 'key';
    });
    // Act
    await Promise.all([load(), load(), load()]);
    // Assess
    expect(calls).toBe(1);
  });
});
