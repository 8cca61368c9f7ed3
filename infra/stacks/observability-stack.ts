import { Duration, Stack, type StackProps } from 'aws-cdk-lib';
import type { HttpApi } from 'aws-cdk-lib/aws-apigatewayv2';
import {
  Alarm,
  ComparisonOperator,
  Dashboard,
  GraphWidget,
  type IMetric,
  MathExpression,
  TextWidget,
  TreatMissingData,
} from 'aws-cdk-lib/aws-cloudwatch';
import { SnsAction } from 'aws-cdk-lib/aws-cloudwatch-actions';
import type { ITableV2 } from 'aws-cdk-lib/aws-dynamodb';
import { ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import { Key } from 'aws-cdk-lib/aws-kms';
import type { IFunction } from 'aws-cdk-lib/aws-lambda';
import { Topic } from 'aws-cdk-lib/aws-sns';
import { EmailSubscription } from 'aws-cdk-lib/aws-sns-subscriptions';
import type { IQueue } from 'aws-cdk-lib/aws-sqs';
import type { IStateMachine } from 'aws-cdk-lib/aws-stepfunctions';
import type { Construct } from 'constructs';
import type { StageConfig } from '../config/stage.ts';
import { programmeAlarms, programmeWidgets } from '../constructs/programme-metrics.ts';

/** A function to watch, with the p99 duration above which users notice. */
export interface WatchedFunction {
  function: IFunction;
  p99Threshold: Duration;
}

/** Settings of the observability stack: what it watches. */
export interface ObservabilityStackProps extends StackProps {
  config: StageConfig;
  functions: Record<string, WatchedFunction>;
  api: HttpApi;
  table: ITableV2;
}

const PERIOD = Duration.minutes(5);

/**
 * Alarms and a dashboard for everything that serves users: per function errors, throttles and
 * p99 duration; the API's 5xx and p99 latency; the table's throttling and system errors. Alarms
 * go to one encrypted SNS topic (an e-mail subscriber from context `alarmEmail`). Alarms too on
 * what the system counts itself (withheld responses, lifecycle repairs and escalations, subgraph
 * failures, failed migrations), and the programme's picture on the dashboard.
 * The lifecycle stack's state machine is added with `watchStateMachine` (failed and timed-out
 * executions) when it exists.
 */
export class ObservabilityStack extends Stack {
  /** Where every alarm is sent. */
  readonly alarmTopic: Topic;
  /** The operations dashboard. */
  readonly dashboard: Dashboard;
  private readonly alarmAction: SnsAction;
  private readonly stageName: string;

  constructor(scope: Construct, id: string, props: ObservabilityStackProps) {
    super(scope, id, props);
    const { config } = props;
    this.stageName = config.stage;

    const topicKey = new Key(this, 'AlarmTopicKey', {
      description: `NEXTWORK ${config.stage}: alarm notifications`,
      enableKeyRotation: true,
    });
    // CloudWatch publishes alarms to the encrypted topic.
    topicKey.grant(
      new ServicePrincipal('cloudwatch.amazonaws.com'),
      'kms:Decrypt',
      'kms:GenerateDataKey',
    );
    this.alarmTopic = new Topic(this, 'Alarms', {
      displayName: `NEXTWORK ${config.stage} alarms`,
      masterKey: topicKey,
      enforceSSL: true,
    });
    if (config.alarmEmail)
      this.alarmTopic.addSubscription(new EmailSubscription(config.alarmEmail));
    this.alarmAction = new SnsAction(this.alarmTopic);

    this.dashboard = new Dashboard(this, 'Dashboard', {
      dashboardName: `nextwork-${config.stage}`,
      defaultInterval: Duration.hours(3),
    });
    this.dashboard.addWidgets(
      new TextWidget({
        markdown: `# NEXTWORK ${config.stage}\nGateway, subgraphs, API and table. Alarms go to the SNS topic of this stage.`,
        width: 24,
        height: 2,
      }),
    );

    for (const [name, watched] of Object.entries(props.functions)) {
      this.watchFunction(name, watched);
    }
    this.watchApi(props.api);
    this.watchTable(props.table);
    this.watchProgramme(config.stage);
  }

  /**
   * Alarms on what the system itself counts (`infra/constructs/programme-metrics.ts`) and the
   * programme's picture on the dashboard.
   */
  private watchProgramme(stage: string): void {
    for (const { id, metric, threshold } of programmeAlarms(stage)) {
      this.alarm(id, metric, threshold);
    }
    this.dashboard.addWidgets(...programmeWidgets(stage));
  }

  /**
   * An alarm when a dead-letter queue holds a message: something failed that nothing retries.
   *
   * @param name - a short name for the alarm's id and title
   * @param queue - the queue
   */
  watchDeadLetters(name: string, queue: IQueue): void {
    const visible = queue.metricApproximateNumberOfMessagesVisible({
      period: PERIOD,
      statistic: 'Maximum',
    });
    this.alarm(`${name}-DeadLetters`, visible, 1);
    this.dashboard.addWidgets(
      new GraphWidget({ title: `${name}: dead letters`, left: [visible], width: 12 }),
    );
  }

  /**
   * Alarms on failed and timed-out executions of a state machine (the placement lifecycle),
   * and its graph on the dashboard.
   *
   * @param name - a short name for alarm ids and titles
   * @param stateMachine - the state machine
   */
  watchStateMachine(name: string, stateMachine: IStateMachine): void {
    this.alarm(`${name}-ExecutionsFailed`, stateMachine.metricFailed({ period: PERIOD }), 1);
    this.alarm(`${name}-ExecutionsTimedOut`, stateMachine.metricTimedOut({ period: PERIOD }), 1);
    this.dashboard.addWidgets(
      new GraphWidget({
        title: `${name}: executions`,
        left: [
          stateMachine.metricStarted({ period: PERIOD }),
          stateMachine.metricSucceeded({ period: PERIOD }),
          stateMachine.metricFailed({ period: PERIOD }),
          stateMachine.metricTimedOut({ period: PERIOD }),
        ],
        width: 24,
      }),
    );
  }

  private watchFunction(name: string, { function: fn, p99Threshold }: WatchedFunction): void {
    const errors = fn.metricErrors({ period: PERIOD, statistic: 'Sum' });
    const throttles = fn.metricThrottles({ period: PERIOD, statistic: 'Sum' });
    const p99 = fn.metricDuration({ period: PERIOD, statistic: 'p99' });
    this.alarm(`${name}-Errors`, errors, 1);
    this.alarm(`${name}-Throttles`, throttles, 1);
    this.alarm(`${name}-DurationP99`, p99, p99Threshold.toMilliseconds(), 3, 2);
    this.dashboard.addWidgets(
      new GraphWidget({
        title: `${name}: invocations, errors, throttles`,
        left: [fn.metricInvocations({ period: PERIOD }), errors, throttles],
        width: 12,
      }),
      new GraphWidget({
        title: `${name}: duration`,
        left: [fn.metricDuration({ period: PERIOD, statistic: 'p50' }), p99],
        width: 12,
      }),
    );
  }

  private watchApi(api: HttpApi): void {
    const serverErrors = api.metricServerError({ period: PERIOD, statistic: 'Sum' });
    const p99 = api.metricLatency({ period: PERIOD, statistic: 'p99' });
    this.alarm('Api-5xx', serverErrors, 5);
    this.alarm('Api-LatencyP99', p99, 3000, 3, 2);
    this.dashboard.addWidgets(
      new GraphWidget({
        title: 'API: requests and errors',
        left: [
          api.metricCount({ period: PERIOD, statistic: 'Sum' }),
          api.metricClientError({ period: PERIOD, statistic: 'Sum' }),
          serverErrors,
        ],
        width: 12,
      }),
      new GraphWidget({
        title: 'API: latency',
        left: [api.metricLatency({ period: PERIOD, statistic: 'p50' }), p99],
        width: 12,
      }),
    );
  }

  private watchTable(table: ITableV2): void {
    const throttles = new MathExpression({
      expression: 'reads + writes',
      usingMetrics: {
        reads: table.metric('ReadThrottleEvents', { period: PERIOD, statistic: 'Sum' }),
        writes: table.metric('WriteThrottleEvents', { period: PERIOD, statistic: 'Sum' }),
      },
      label: 'Throttle events',
      period: PERIOD,
    });
    const systemErrors = table.metric('SystemErrors', { period: PERIOD, statistic: 'Sum' });
    this.alarm('Table-Throttles', throttles, 1);
    this.alarm('Table-SystemErrors', systemErrors, 1);
    this.dashboard.addWidgets(
      new GraphWidget({
        title: 'Table: consumed capacity',
        left: [
          table.metricConsumedReadCapacityUnits({ period: PERIOD }),
          table.metricConsumedWriteCapacityUnits({ period: PERIOD }),
        ],
        width: 12,
      }),
      new GraphWidget({
        title: 'Table: throttles, system and conditional-check errors',
        left: [
          throttles,
          systemErrors,
          table.metricConditionalCheckFailedRequests({ period: PERIOD }),
        ],
        width: 12,
      }),
    );
  }

  private alarm(
    id: string,
    metric: IMetric,
    threshold: number,
    evaluationPeriods = 1,
    datapointsToAlarm = 1,
  ): Alarm {
    const alarm = new Alarm(this, id, {
      alarmName: `nextwork-${this.stageName}-${id}`,
      metric,
      threshold,
      evaluationPeriods,
      datapointsToAlarm,
      comparisonOperator: ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
      treatMissingData: TreatMissingData.NOT_BREACHING,
    });
    alarm.addAlarmAction(this.alarmAction);
    return alarm;
  }
}
