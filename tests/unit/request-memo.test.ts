import { describe, expect, it } from 'vitest';
import { createRequestMemo } from '#kernel/request-memo';

/** A request as the memo knows it: its loader object. */
const aRequest = () => ({ loader: {} as never });

describe('request memo', () => {
  it('computes once per request and key', () => {
    // Prepare
    const memo = createRequestMemo<number>();
    const request = aRequest();
    let computed = 0;
    const compute = () => ++computed;
    // Act
    const values = [memo(request, 'a', compute), memo(request, 'a', compute)];
    const other = memo(aRequest(), 'a', compute);
    // Assess
    expect(values).toEqual([1, 1]);
    expect(other).toBe(2);
  });

  it('never hands one memo’s value to another under the same key', () => {
    // Prepare
    const figures = createRequestMemo<string>();
    const codes = createRequestMemo<string>();
    const request = aRequest();
    // Act
    figures(request, '2026-01-01|2026-12-31', () => 'figures');
    const value = codes(request, '2026-01-01|2026-12-31', () => 'codes');
    // Assess
    expect(value).toBe('codes');
  });
});
