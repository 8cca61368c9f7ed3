import { Metrics, MetricUnit } from '@aws-lambda-powertools/metrics';

/** The CloudWatch namespace of every NEXTWORK metric. */
export const METRIC_NAMESPACE = 'NEXTWORK';

/**
 * The `service` dimension of every metric: one for all functions, so that an alarm watches one
 * metric per dimension value rather than one per function (which function it was is in the
 * logs, by correlation id).
 */
export const METRIC_SERVICE = 'nextwork';

/**
 * Every metric the system emits, with the dimensions each carries besides `service` and
 * `stage`: the one list operators, alarms (`infra/stacks/observability-stack.ts`) and code share.
 * Metrics that raise an alarm have few dimensions, so that the alarm sums a handful of metrics.
 * A dimension's value is a {@link Label}, never an id or personal data: each distinct value is a
 * metric of its own to CloudWatch (and to its bill), and a dimension is visible to anyone who
 * may read the metrics.
 */
export const METRICS = {
  /** Requests the gateway answered, by root field and outcome (`OK` or the first error code). */
  Requests: ['operation', 'outcome'],
  /** Refused attempts, by code: each `REFUSED` audit record, and rate-limited calls. */
  Refusals: ['code'],
  /** Responses withheld because their audit trail could not be written, by operation type. */
  ResponsesWithheld: ['operation'],
  /** Changes refused with `CONFLICT`: another version, or a race lost four times. */
  Conflicts: ['command'],
  /** Commands answered from their idempotency record instead of running again. */
  IdempotentReplays: ['command'],
  /** Calls from the gateway to a subgraph that failed or timed out, by subgraph and reason. */
  SubgraphCallsFailed: ['subgraph', 'reason'],
  /** Lifecycle tasks opened, by step. */
  LifecycleTasksOpened: ['step'],
  /** Lifecycle tasks overdue (their consultant reminded), by step. */
  LifecycleTasksOverdue: ['step'],
  /**
   * Lifecycle tasks escalated to the team leader: `FIRST`, or `AGAIN` for a task still open
   * after its escalation (overdue beyond it: the alarm).
   */
  LifecycleTasksEscalated: ['escalation'],
  /** Lifecycles the reconciler found stopped and restarted. */
  LifecyclesRepaired: [],
  /** Data migrations applied, by migration. */
  MigrationsApplied: ['migration'],
  /** Data migrations that failed. */
  MigrationsFailed: [],
  /**
   * Erasures committed whose entry in the erasure ledger could not be written: after a restore
   * they would not be done again, so an operator records them by hand (docs/runbook.md).
   */
  ErasuresNotInLedger: [],
} as const satisfies Record<string, readonly string[]>;

/** The name of one metric. */
export type MetricName = keyof typeof METRICS;

declare const LABEL: unique symbol;

/**
 * A dimension value: a name or code written in the code or the schema. Made only by
 * {@link label} (a literal) or {@link knownLabel} (one of a fixed set), so that a value read
 * from a request — an id, a name, a municipality code — cannot become a dimension.
 */
export type Label = string & { readonly [LABEL]: true };

/** The dimensions of a metric, each a {@link Label}. */
export type DimensionsOf<N extends MetricName> = {
  readonly [D in (typeof METRICS)[N][number]]: Label;
};

/**
 * A label from a string literal. A plain `string` does not compile: what the code did not
 * write (an id, a client's operation name) goes through {@link knownLabel}.
 *
 * @param value - the literal
 */
export function label<const T extends string>(value: string extends T ? never : T): Label {
  return value as string as Label;
}

/** What {@link knownLabel} answers for a value outside its set. */
export const OTHER = label('OTHER');

/**
 * A label from a value that must be one of a fixed set (the schema's root fields, the error
 * codes, the commands defined): the value itself when it is, {@link OTHER} when not.
 *
 * @param value - a name or code from anywhere
 * @param known - the names it may be
 */
export function knownLabel(value: string | undefined, known: ReadonlySet<string>): Label {
  return value !== undefined && known.has(value) ? (value as Label) : OTHER;
}

/**
 * The metrics of one invocation (one request, one lifecycle task, one reconciler pass):
 * counted in memory, published as embedded metric format at its end, one JSON line per set of
 * dimensions. One per invocation rather than Powertools' process-wide buffer, because the local
 * stack serves concurrent requests of every function in one process.
 */
export interface MetricsRecorder {
  /**
   * Counts one occurrence (or `value`).
   *
   * @param name - the metric
   * @param dimensions - its dimensions
   * @param value - how many
   * @default value - 1
   */
  count<N extends MetricName>(name: N, dimensions: DimensionsOf<N>, value?: number): void;
  /** Writes what was counted since the last publish to standard output (CloudWatch in Lambda). */
  publish(): void;
}

/** One Powertools emitter per stage, made once: a request only adds to it and flushes. */
const EMITTERS = new Map<string, Metrics>();

function emitterOf(stage: string): Metrics {
  let emitter = EMITTERS.get(stage);
  if (!emitter) {
    emitter = new Metrics({
      namespace: METRIC_NAMESPACE,
      serviceName: METRIC_SERVICE,
      defaultDimensions: { stage },
    });
    EMITTERS.set(stage, emitter);
  }
  return emitter;
}

/**
 * A recorder of one invocation.
 *
 * @param options.stage - the `stage` dimension
 * @default options.stage - `STAGE`, else `local`
 */
export function createMetricsRecorder(options: { stage?: string } = {}): MetricsRecorder {
  const stage = options.stage ?? process.env.STAGE ?? 'local';
  // Counts by dimension set, then by metric.
  let counted = new Map<
    string,
    { dimensions: Record<string, string>; counts: Map<string, number> }
  >();
  return {
    count(name, dimensions, value = 1) {
      const key = JSON.stringify(Object.entries(dimensions).sort(([a], [b]) => a.localeCompare(b)));
      let set = counted.get(key);
      if (!set) {
        set = { dimensions: { ...dimensions }, counts: new Map() };
        counted.set(key, set);
      }
      set.counts.set(name, (set.counts.get(name) ?? 0) + value);
    },
    publish() {
      const sets = counted;
      counted = new Map();
      const metrics = emitterOf(stage);
      // Each set is added and flushed without an await between, so requests served at once in
      // one process (the local stack) cannot mix their dimensions in the shared emitter; the
      // flush clears what it added and keeps the stage.
      for (const { dimensions, counts } of sets.values()) {
        for (const [name, value] of Object.entries(dimensions)) metrics.addDimension(name, value);
        for (const [name, value] of counts) metrics.addMetric(name, MetricUnit.Count, value);
        metrics.publishStoredMetrics();
      }
    },
  };
}

/**
 * Counts one migration applied. For the migration runner (#17): call it once per migration
 * it applies, with the migration's name as written in its file (e.g. `children-on-gsi3`).
 *
 * @param metrics - the run's recorder
 * @param migration - the migration's name: one of the names the runner knows
 * @param known - every migration's name
 */
export function countMigrationApplied(
  metrics: MetricsRecorder,
  migration: string,
  known: ReadonlySet<string>,
): void {
  metrics.count('MigrationsApplied', { migration: knownLabel(migration, known) });
}

/**
 * Counts one migration failed (the alarm `MigrationsFailed` watches it); which one is in the
 * runner's log.
 *
 * @param metrics - the run's recorder
 */
export function countMigrationFailed(metrics: MetricsRecorder): void {
  metrics.count('MigrationsFailed', {});
}
