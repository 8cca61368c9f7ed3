import { Duration } from 'aws-cdk-lib';
import {
  GraphWidget,
  type IMetric,
  type IWidget,
  MathExpression,
  Metric,
} from 'aws-cdk-lib/aws-cloudwatch';
import {
  type DimensionsOf,
  METRIC_NAMESPACE,
  METRIC_SERVICE,
  METRICS,
  type MetricName,
} from '#kernel/metrics';
import { SUBGRAPHS } from '#schema/subgraphs';

const PERIOD = Duration.minutes(5);

/** Dimension values as the alarms name them: plain strings, the code's own labels. */
type Named<N extends MetricName> = { [D in keyof DimensionsOf<N>]: string };

/**
 * One of the system's own metrics (`subgraphs/kernel/metrics.ts`) of a stage, summed over the
 * period: one set of dimension values.
 *
 * @param stage - the stage
 * @param name - the metric
 * @param dimensions - its dimensions' values
 */
export function programmeMetric<N extends MetricName>(
  stage: string,
  name: N,
  dimensions: Named<N>,
): Metric {
  return new Metric({
    namespace: METRIC_NAMESPACE,
    metricName: name,
    dimensionsMap: { service: METRIC_SERVICE, stage, ...dimensions },
    statistic: 'Sum',
    period: PERIOD,
  });
}

/**
 * The sum of several sets of dimension values of one metric (an alarm watches metrics, not
 * searches).
 */
function sumOf(label: string, metrics: Metric[]): MathExpression {
  const usingMetrics = Object.fromEntries(metrics.map((metric, i) => [`m${i}`, metric]));
  return new MathExpression({
    expression: Object.keys(usingMetrics).join(' + '),
    usingMetrics,
    label,
    period: PERIOD,
  });
}

/** An alarm on one of the system's metrics: what it watches and when it fires. */
export interface ProgrammeAlarm {
  /** The alarm's id and the end of its name. */
  id: string;
  metric: IMetric;
  /** Fires at this many in five minutes. */
  threshold: number;
}

/**
 * The alarms on what the system itself counts, for one stage: any response withheld because its
 * audit record could not be written; any lifecycle the reconciler had to restart; any lifecycle
 * task escalated again (overdue beyond its escalation); subgraph calls failing (five in five
 * minutes: one lost call is retried by its client); any data migration failed; any erasure
 * the erasure ledger missed (a restore would not do it again).
 *
 * @param stage - the stage
 */
export function programmeAlarms(stage: string): ProgrammeAlarm[] {
  const subgraphFailures = SUBGRAPHS.flatMap(({ name }) =>
    ['TIMEOUT', 'UNAVAILABLE'].map((reason) =>
      programmeMetric(stage, 'SubgraphCallsFailed', { subgraph: name, reason }),
    ),
  );
  return [
    {
      id: 'ResponsesWithheld',
      metric: sumOf(
        'Responses withheld (audit not written)',
        ['query', 'mutation'].map((operation) =>
          programmeMetric(stage, 'ResponsesWithheld', { operation }),
        ),
      ),
      threshold: 1,
    },
    {
      id: 'LifecyclesRepaired',
      metric: programmeMetric(stage, 'LifecyclesRepaired', {}),
      threshold: 1,
    },
    {
      id: 'LifecycleTasksEscalatedAgain',
      metric: programmeMetric(stage, 'LifecycleTasksEscalated', { escalation: 'AGAIN' }),
      threshold: 1,
    },
    {
      id: 'SubgraphCallsFailed',
      metric: sumOf('Subgraph calls failed', subgraphFailures),
      threshold: 5,
    },
    {
      id: 'MigrationsFailed',
      metric: programmeMetric(stage, 'MigrationsFailed', {}),
      threshold: 1,
    },
    {
      id: 'ErasuresNotInLedger',
      metric: programmeMetric(stage, 'ErasuresNotInLedger', {}),
      threshold: 1,
    },
  ];
}

/**
 * Every series of a metric of the stage, whatever its dimension values: a dashboard search.
 *
 * @param stage - the stage
 * @param name - the metric
 * @param label - the graph's legend, from the dimension that tells the series apart
 */
function everySeries(stage: string, name: MetricName, label: string): MathExpression {
  const dimensions = ['service', 'stage', ...METRICS[name]].join(',');
  return new MathExpression({
    expression: `SEARCH('{${METRIC_NAMESPACE},${dimensions}} MetricName="${name}" stage="${stage}"', 'Sum', ${PERIOD.toSeconds()})`,
    usingMetrics: {},
    label,
    period: PERIOD,
  });
}

/**
 * The programme's operational picture for one stage's dashboard: requests by outcome and
 * operation, refusals by code, withheld responses and conflicts, subgraph failures, lifecycle
 * tasks opened, overdue and escalated, reconciler repairs and migrations.
 *
 * @param stage - the stage
 */
export function programmeWidgets(stage: string): IWidget[] {
  const graph = (title: string, left: IMetric[], width = 12) =>
    new GraphWidget({ title, left, width, height: 6 });
  const alarms = Object.fromEntries(programmeAlarms(stage).map((a) => [a.id, a.metric]));
  return [
    graph('Requests by operation and outcome', [everySeries(stage, 'Requests', '')]),
    graph('Refusals by code', [everySeries(stage, 'Refusals', '')]),
    graph('Withheld (audit not written), conflicts, idempotent replays', [
      alarms.ResponsesWithheld as IMetric,
      everySeries(stage, 'Conflicts', ''),
      everySeries(stage, 'IdempotentReplays', ''),
    ]),
    graph('Subgraph calls failed', [everySeries(stage, 'SubgraphCallsFailed', '')]),
    graph('Lifecycle tasks: opened, overdue, escalated', [
      everySeries(stage, 'LifecycleTasksOpened', ''),
      everySeries(stage, 'LifecycleTasksOverdue', ''),
      everySeries(stage, 'LifecycleTasksEscalated', ''),
    ]),
    graph('Reconciler repairs and migrations', [
      alarms.LifecyclesRepaired as IMetric,
      everySeries(stage, 'MigrationsApplied', ''),
      alarms.MigrationsFailed as IMetric,
    ]),
  ];
}
