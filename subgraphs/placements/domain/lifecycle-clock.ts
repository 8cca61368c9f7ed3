/**
 * The lifecycle's sense of time. Due dates come from the placement; the workflow waits for
 * them in its own seconds, which this clock computes. In AWS it is the wall clock; the local
 * stack can speed it up (`LIFECYCLE_TIME_SCALE`) so that three months pass in minutes, and tests
 * set it by hand, so that nothing waits for real.
 */
export interface LifecycleClock {
  /** Lifecycle time now, in epoch milliseconds. */
  now(): number;
  /**
   * Whole workflow seconds until a moment of lifecycle time: 0 when it has come, never more
   * than {@link MAX_WAIT_SECONDS} (the workflow wakes and asks again).
   *
   * @param at - the moment, in epoch milliseconds
   */
  secondsUntil(at: number): number;
}

/**
 * The longest single wait the workflow is asked for: 20 days. Longer waits are taken in turns,
 * which keeps every timer far below what a JavaScript timer can hold (about 24.8 days).
 */
export const MAX_WAIT_SECONDS = 20 * 24 * 3600;

/**
 * A clock that runs `scale` times faster than the wall clock from the moment it was made,
 * starting `offsetMs` ahead of it (the local stack keeps the offset across restarts).
 */
export class ScaledLifecycleClock implements LifecycleClock {
  private readonly origin: number;
  private readonly startedAt: number;

  /**
   * @param scale - how much faster than the wall clock (1: real time)
   * @param offsetMs - how far lifecycle time is ahead of the wall clock at start
   * @param wallClock - the wall clock
   */
  constructor(
    readonly scale = 1,
    offsetMs = 0,
    private readonly wallClock: () => number = Date.now,
  ) {
    if (!(scale >= 1)) throw new Error('The lifecycle time scale must be at least 1');
    this.startedAt = wallClock();
    this.origin = this.startedAt + offsetMs;
  }

  now(): number {
    return this.origin + (this.wallClock() - this.startedAt) * this.scale;
  }

  secondsUntil(at: number): number {
    const seconds = Math.ceil((at - this.now()) / 1000 / this.scale);
    return Math.min(MAX_WAIT_SECONDS, Math.max(0, seconds));
  }

  /** How far lifecycle time is ahead of the wall clock now (to be kept across a restart). */
  offsetMs(): number {
    return this.now() - this.wallClock();
  }
}
