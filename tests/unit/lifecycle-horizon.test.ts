import { describe, expect, it } from 'vitest';
import {
  EXECUTION_HORIZON_DAYS,
  HANDOVER_HEADROOM_DAYS,
  planWait,
} from '#placements/domain/lifecycle-horizon';

const DAY = 86_400_000;
const started = Date.parse('2026-10-01T12:00:00Z');
const day = (n: number) => started + n * DAY;
/** The last moment an execution plans to wake, in days from its start. */
const lastWake = EXECUTION_HORIZON_DAYS - HANDOVER_HEADROOM_DAYS;

/**
 * When an execution waits and when it hands its lifecycle over: no wait ends beyond its horizon
 * (far inside Step Functions' one year), and no hand-over is followed by another at once.
 */
describe('the horizon of a lifecycle execution', () => {
  it('waits for a moment within its horizon, however late in its life', () => {
    // Act
    const plans = [
      planWait(day(0), day(11), started),
      planWait(day(170), day(lastWake), started),
      planWait(day(lastWake + 5), day(lastWake - 1), started),
    ];
    // Assess
    expect(plans).toEqual([
      { handOver: false, until: day(11) },
      { handOver: false, until: day(lastWake) },
      { handOver: false, until: day(lastWake - 1) },
    ]);
  });

  it('hands over at once when the moment lies beyond its horizon and a fresh execution reaches it: a follow-up months away, a late extension round', () => {
    // Act
    const followUp = planWait(day(182), day(182 + 93), started);
    const extensionRound = planWait(day(175), day(250), started);
    // Assess
    expect(followUp).toEqual({ handOver: true });
    expect(extensionRound).toEqual({ handOver: true });
  });

  it('waits as long as it may for a moment even a fresh execution would not reach, then hands over', () => {
    // Act
    const fresh = planWait(day(0), day(300), started);
    const atItsLastWake = planWait(day(lastWake), day(300), started);
    // Assess
    expect(fresh).toEqual({ handOver: false, until: day(lastWake) });
    expect(atItsLastWake).toEqual({ handOver: true });
  });
});
