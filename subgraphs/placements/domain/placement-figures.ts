import type { CounterChange } from '../repository/placement-stats-entity.ts';
import { type Placement, RUNNING_PLACEMENT_STATUSES } from './placement.ts';

/**
 * The changes of a municipality's placement figures that one placement write causes: the
 * status counts move with the status, and the day's flow counts what happened that day
 * (started on the start date, ended and outcome on the outcome's date).
 *
 * @param before - the placement as it was, or null when it is new
 * @param after - the placement as it is written
 */
export function transitionCounterChanges(
  before: Placement | null,
  after: Placement,
): CounterChange[] {
  const municipalityCode = after.municipalityCode;
  const changes: CounterChange[] = [];
  if (before?.status !== after.status) {
    if (before) changes.push({ kind: 'status', municipalityCode, status: before.status, by: -1 });
    changes.push({ kind: 'status', municipalityCode, status: after.status, by: 1 });
  }
  const wasNotStarted = before === null || before.status === 'PLANNED';
  if (wasNotStarted && RUNNING_PLACEMENT_STATUSES.includes(after.status)) {
    changes.push({
      kind: 'flow',
      municipalityCode,
      date: after.startDate,
      counter: 'STARTED',
      by: 1,
    });
  }
  const ended = (p: Placement | null) => p?.status === 'COMPLETED' || p?.status === 'INTERRUPTED';
  if (!ended(before) && ended(after) && after.outcome) {
    const counter = after.status === 'COMPLETED' ? 'COMPLETED' : 'INTERRUPTED';
    changes.push({ kind: 'flow', municipalityCode, date: after.outcome.date, counter, by: 1 });
  }
  const outcome = after.outcome;
  const outcomeIsNew =
    outcome && (before?.outcome?.kind !== outcome.kind || before.outcome.date !== outcome.date);
  if (outcome && outcomeIsNew) {
    changes.push({
      kind: 'flow',
      municipalityCode,
      date: outcome.date,
      counter: `OUTCOME_${outcome.kind}`,
      by: 1,
    });
  }
  return changes;
}

/**
 * Every change a placement made to the figures over its life, as if it had been written step
 * by step; for loading placements that already exist (the demo world).
 *
 * @param placement - the placement as it is now
 */
export function lifetimeCounterChanges(placement: Placement): CounterChange[] {
  const { municipalityCode, status } = placement;
  const changes: CounterChange[] = [{ kind: 'status', municipalityCode, status, by: 1 }];
  if (status !== 'PLANNED') {
    changes.push({
      kind: 'flow',
      municipalityCode,
      date: placement.startDate,
      counter: 'STARTED',
      by: 1,
    });
  }
  const outcome = placement.outcome;
  if (outcome && (status === 'COMPLETED' || status === 'INTERRUPTED')) {
    changes.push({ kind: 'flow', municipalityCode, date: outcome.date, counter: status, by: 1 });
  }
  if (outcome) {
    changes.push({
      kind: 'flow',
      municipalityCode,
      date: outcome.date,
      counter: `OUTCOME_${outcome.kind}`,
      by: 1,
    });
  }
  return changes;
}
