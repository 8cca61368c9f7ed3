import { readFile, rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { ExecutionStatus } from '#kernel/workflow-engine';

const FILE = 'lifecycle-executions.json';
const DAY_MS = 86_400_000;

/**
 * How long Step Functions keeps an ended execution's name: no new execution may take it for
 * 90 days after the end.
 */
export const NAME_KEPT_AFTER_END_MS = 90 * DAY_MS;

/** The longest a Standard workflow execution runs: one year, then it ends `TIMED_OUT`. */
export const MAX_EXECUTION_MS = 365 * DAY_MS;

/** What the local engine remembers of one execution, as Step Functions would. */
export interface ExecutionRecord {
  name: string;
  /** The input it was started with (a repeated start is compared with it). */
  input: Record<string, unknown>;
  status: ExecutionStatus;
  /** When it started, ISO 8601 in lifecycle-clock time (the local stack's "AWS time"). */
  startedAt: string;
  /** When it ended, likewise; absent while it runs. */
  endedAt?: string;
  /** Why it failed, when it did. */
  error?: string;
}

/**
 * The local engine's record of its executions, kept in the local stack's data folder next to
 * DynamoDB Local's files (`.data/lifecycle-executions.json` under `npm start`): a restart
 * remembers which names were used and which executions were running, as Step Functions would
 * have gone on remembering. Without a data folder (tests) it lives in memory only.
 */
export class ExecutionRecords {
  private writing: Promise<void> = Promise.resolve();
  private queued = false;

  private constructor(
    private readonly file: string | undefined,
    private readonly records: Map<string, ExecutionRecord>,
  ) {}

  /**
   * The records kept in a data folder (none yet when the file is missing or unreadable).
   *
   * @param dataDir - the local stack's data folder; in memory only when absent
   */
  static async open(dataDir?: string): Promise<ExecutionRecords> {
    const file = dataDir ? join(dataDir, FILE) : undefined;
    const records = new Map<string, ExecutionRecord>();
    if (file) {
      try {
        const saved = JSON.parse(await readFile(file, 'utf8')) as {
          executions?: ExecutionRecord[];
        };
        for (const record of saved.executions ?? []) records.set(record.name, record);
      } catch {
        // No file yet: the stack's first start.
      }
    }
    return new ExecutionRecords(file, records);
  }

  /** One execution's record, or undefined when no execution has that name. */
  get(name: string): ExecutionRecord | undefined {
    return this.records.get(name);
  }

  /** Every record. */
  all(): ExecutionRecord[] {
    return [...this.records.values()];
  }

  /**
   * Records an execution (replacing its earlier record) at once in memory, so that a second
   * start of the same name in the same tick sees the first; the file follows.
   */
  save(record: ExecutionRecord): void {
    this.records.set(record.name, record);
    this.persist();
  }

  /** Forgets an execution: its name may be used again. */
  forget(name: string): void {
    if (this.records.delete(name)) this.persist();
  }

  /** Waits until the file holds every change made so far. */
  async flushed(): Promise<void> {
    await this.writing;
  }

  /** Writes the file, one write at a time, and at most one more queued behind it. */
  private persist(): void {
    const file = this.file;
    if (!file || this.queued) return;
    this.queued = true;
    this.writing = this.writing.then(async () => {
      this.queued = false;
      const text = `${JSON.stringify({ executions: this.all() }, null, 2)}\n`;
      // Written aside and renamed, so that a stop in the middle never leaves half a file.
      await writeFile(`${file}.tmp`, text);
      await rename(`${file}.tmp`, file);
    });
  }
}
