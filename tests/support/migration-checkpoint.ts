import type { Checkpoint, Position } from '#kernel/migrations/migration';

/** A migration checkpoint kept in memory, with what a run saved and how many items it touched. */
export interface MemoryCheckpoint extends Checkpoint {
  /** The positions the run saved, in order. */
  saved: Position[];
  /** The items the run said it touched, added up over its saves. */
  touched: number;
}

/**
 * A checkpoint kept in memory, for running a migration in a test as the runner would: from the
 * start, or resumed from a position.
 *
 * @param resumeFrom - where an earlier run got to
 */
export function aCheckpoint(resumeFrom?: Position): MemoryCheckpoint {
  const checkpoint: MemoryCheckpoint = {
    resumeFrom,
    saved: [],
    touched: 0,
    async save(position: Position, itemsTouched: number) {
      checkpoint.saved.push(position);
      checkpoint.touched += itemsTouched;
    },
  };
  return checkpoint;
}
