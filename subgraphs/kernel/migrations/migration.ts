import type { Table } from '../table/table.ts';

/**
 * A versioned data migration: one file `subgraphs/<subgraph>/migrations/NNNN-<name>.ts`, run
 * once per table, in the order of its id, by the runner (`runner.ts`).
 *
 * A migration must be safe to run while traffic flows and to run again after it was stopped
 * half way: it writes with conditions (an `ADD` of a delta, `attribute_not_exists`, a version or
 * value check) so that a change made by a live request at the same moment is never lost, and
 * what it already did makes a second pass over the same items change nothing.
 */
export interface Migration {
  /** Four digits, unique across every subgraph (`0001`): the order migrations run in. */
  id: string;
  /** What it changes and why, in a line (logged and listed by `--status`; no personal data). */
  description: string;
  /**
   * Brings the table forward. Reads whole partitions page by page, saving where it got to
   * (`checkpoint.save`) after each page it has written, so that a run stopped part way (a crash,
   * a Lambda's 15 minutes) resumes from there.
   */
  run(table: Table, checkpoint: Checkpoint): Promise<void>;
}

/** Where a migration got to: whatever it needs to resume, as strings and numbers. */
export type Position = Readonly<Record<string, string | number>>;

/** A migration's progress, kept in the table between runs. */
export interface Checkpoint {
  /** Where an interrupted run got to; undefined on a first run. */
  readonly resumeFrom: Position | undefined;
  /**
   * Records that everything up to `position` is done, and how many items were changed since the
   * last save (summed into the record of the applied migration).
   */
  save(position: Position, itemsTouched: number): Promise<void>;
}
