import { describe, expect, it } from 'vitest';
import { counterItemAction, monthCountersOf } from '#kernel/month-counters';

const KEY = { pk: 'MUNI#265', sk: 'STATS#YOUTH' };

describe('month counters on a counter item', () => {
  it('adds counts and several months in one update, summing repeats and dropping zeros', () => {
    // Act
    const action = counterItemAction(KEY, { entity: 'YouthStats' }, { ENROLLED: 1, PAUSED: 0 }, [
      { month: '2026-11', add: { enrolled: 1, fellBack: 0 } },
      { month: '2026-11', add: { enrolled: 1 } },
      { month: '2026-10', add: { changesToPaused: -1 } },
    ]);
    // Assess
    expect(action).toEqual({
      update: KEY,
      spec: {
        set: { entity: 'YouthStats' },
        add: { ENROLLED: 1, '2026-11#enrolled': 2, '2026-10#changesToPaused': -1 },
      },
    });
  });

  it('writes nothing when every change is zero', () => {
    // Act
    const action = counterItemAction(KEY, {}, { ENROLLED: 0 }, [
      { month: '2026-11', add: { enrolled: 0 } },
    ]);
    // Assess
    expect(action).toBeNull();
  });

  it('reads every month of an item in one pass and leaves the counts now alone', () => {
    // Prepare
    const item = {
      ...KEY,
      entity: 'YouthStats',
      ENROLLED: 4,
      '2026-11#enrolled': 2,
      '2026-11#FIRST_WEEK_3': 1,
      '2026-10#enrolled': 1,
      'not-a-month#enrolled': 9,
    };
    // Act
    const months = monthCountersOf(item);
    // Assess
    expect([...months]).toEqual([
      ['2026-11', { enrolled: 2, FIRST_WEEK_3: 1 }],
      ['2026-10', { enrolled: 1 }],
    ]);
    expect(monthCountersOf(undefined).size).toBe(0);
  });
});
