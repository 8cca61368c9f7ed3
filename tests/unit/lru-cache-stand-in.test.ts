import fc from 'fast-check';
import { LRUCache as RealLRUCache } from 'lru-cache';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { LRUCache as StandIn } from '#infra/constructs/bundling-stubs/lru-cache';

/**
 * The bundles' stand-in for `lru-cache` (infra/constructs/bundling-stubs/lru-cache.ts) against
 * the real package, run side by side over random operations with the options Apollo passes: the
 * same answers from `get` and the same keys, in the same order, after every step.
 */

type Operation =
  | { kind: 'set'; key: number; value: string; ttl?: number }
  | { kind: 'get'; key: number }
  | { kind: 'delete'; key: number }
  | { kind: 'tick'; ms: number };

const operation: fc.Arbitrary<Operation> = fc.oneof(
  fc.record({
    kind: fc.constant('set' as const),
    key: fc.integer({ min: 0, max: 7 }),
    value: fc.string({ maxLength: 12 }),
    ttl: fc.option(fc.integer({ min: 1, max: 50 }), { nil: undefined }),
  }),
  fc.record({ kind: fc.constant('get' as const), key: fc.integer({ min: 0, max: 7 }) }),
  fc.record({ kind: fc.constant('delete' as const), key: fc.integer({ min: 0, max: 7 }) }),
  fc.record({ kind: fc.constant('tick' as const), ms: fc.integer({ min: 1, max: 30 }) }),
);

interface Cache {
  get(key: number): string | undefined;
  set(key: number, value: string, options?: { ttl?: number }): unknown;
  delete(key: number): boolean;
  keys(): IterableIterator<number>;
}

/** Runs the operations on both caches and returns what each answered at each step. */
function answers(caches: [Cache, Cache], operations: Operation[]): [unknown[], unknown[]] {
  const seen: [unknown[], unknown[]] = [[], []];
  for (const op of operations) {
    if (op.kind === 'tick') {
      vi.setSystemTime(Date.now() + op.ms);
      continue;
    }
    caches.forEach((cache, i) => {
      if (op.kind === 'set') cache.set(op.key, op.value, op.ttl ? { ttl: op.ttl } : undefined);
      else if (op.kind === 'get') seen[i]?.push(cache.get(op.key));
      else seen[i]?.push(cache.delete(op.key));
    });
  }
  caches.forEach((cache, i) => {
    seen[i]?.push([...cache.keys()]);
    // Reading every key refreshes each, in the same order for both.
    seen[i]?.push([...Array(8).keys()].map((key) => cache.get(key)));
  });
  return seen;
}

describe('the bundles’ lru-cache stand-in', () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  it('answers as the real package with max (cache control) and with maxSize and sizes (documents)', () => {
    fc.assert(
      fc.property(fc.array(operation, { maxLength: 60 }), (operations) => {
        // The stand-in reads Date.now(); the real package is given the same clock, read at
        // every call rather than once per millisecond.
        vi.useFakeTimers({ now: 1_000_000, toFake: ['Date'] });
        const sameClock = { perf: { now: () => Date.now() }, ttlResolution: 0 };
        const byCount = answers(
          [
            new RealLRUCache<number, string>({ max: 4, ...sameClock }),
            new StandIn<number, string>({ max: 4 }),
          ],
          operations,
        );
        const sizeCalculation = (value: string) => value.length + 1;
        const bySize = answers(
          [
            new RealLRUCache<number, string>({ maxSize: 20, sizeCalculation, ...sameClock }),
            new StandIn<number, string>({ maxSize: 20, sizeCalculation }),
          ],
          operations,
        );
        vi.useRealTimers();
        expect(byCount[1]).toEqual(byCount[0]);
        expect(bySize[1]).toEqual(bySize[0]);
      }),
      { numRuns: 300 },
    );
  });

  it('refuses an option it does not implement, when the cache is made', () => {
    // Act
    const make = () => new StandIn<string, string>({ max: 2, updateAgeOnGet: true } as never);
    // Assess
    expect(make).toThrow('does not support updateAgeOnGet');
  });
});
