import { describe, expect, it } from 'vitest';
import { onFirstUse } from '#kernel/runtime-sdk';

describe('a value made on first use', () => {
  it('is not made until asked for, then made once and kept', () => {
    // Prepare
    let made = 0;
    const client = onFirstUse(() => ({ number: ++made }));
    // Act
    const before = made;
    const first = client();
    const second = client();
    // Assess
    expect(before).toBe(0);
    expect(first).toEqual({ number: 1 });
    expect(second).toBe(first);
    expect(made).toBe(1);
  });
});
