import { App, Duration, Stack } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { HttpApi } from 'aws-cdk-lib/aws-apigatewayv2';
import { AttributeType, TableV2 } from 'aws-cdk-lib/aws-dynamodb';
import { Code, Function as LambdaFunction, Runtime } from 'aws-cdk-lib/aws-lambda';
import { DefinitionBody, Pass, StateMachine } from 'aws-cdk-lib/aws-stepfunctions';
import { describe, expect, it } from 'vitest';
import { stageConfig } from '#infra/config/stage';
import { ObservabilityStack } from '#infra/stacks/observability-stack';

describe('the observability stack', () => {
  it('alarms on failed and timed-out executions of a watched state machine', () => {
    // Prepare: stand-ins for what the other stacks provide
    const app = new App();
    const env = { region: 'eu-north-1' };
    const sources = new Stack(app, 'sources', { env });
    const fn = new LambdaFunction(sources, 'Fn', {
      runtime: Runtime.NODEJS_22_X,
      handler: 'index.handler',
      code: Code.fromInline('exports.handler = async () => ({})'),
    });
    const observability = new ObservabilityStack(app, 'observability', {
      env,
      config: stageConfig('prod'),
      functions: { probe: { function: fn, p99Threshold: Duration.seconds(1) } },
      api: new HttpApi(sources, 'Api'),
      table: new TableV2(sources, 'Table', {
        partitionKey: { name: 'pk', type: AttributeType.STRING },
      }),
    });
    const lifecycle = new StateMachine(sources, 'Lifecycle', {
      definitionBody: DefinitionBody.fromChainable(new Pass(sources, 'Start')),
    });

    // Act
    observability.watchStateMachine('Lifecycle', lifecycle);

    // Assess
    const alarms = Object.values(
      Template.fromStack(observability).findResources('AWS::CloudWatch::Alarm'),
    ).map((alarm) => ({
      name: alarm.Properties.AlarmName,
      metric: alarm.Properties.MetricName,
      actions: alarm.Properties.AlarmActions,
    }));
    expect(alarms).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          name: 'nextwork-prod-Lifecycle-ExecutionsFailed',
          metric: 'ExecutionsFailed',
          actions: [expect.anything()],
        }),
        expect.objectContaining({
          name: 'nextwork-prod-Lifecycle-ExecutionsTimedOut',
          metric: 'ExecutionsTimedOut',
        }),
      ]),
    );
  });

  it('alarms on what the system counts itself: withheld responses, repairs, escalations past escalation, subgraph failures, failed migrations', () => {
    // Prepare: stand-ins for what the other stacks provide
    const app = new App();
    const env = { region: 'eu-north-1' };
    const sources = new Stack(app, 'sources', { env });
    const fn = new LambdaFunction(sources, 'Fn', {
      runtime: Runtime.NODEJS_22_X,
      handler: 'index.handler',
      code: Code.fromInline('exports.handler = async () => ({})'),
    });
    // Act
    const observability = new ObservabilityStack(app, 'observability', {
      env,
      config: stageConfig('prod'),
      functions: { probe: { function: fn, p99Threshold: Duration.seconds(1) } },
      api: new HttpApi(sources, 'Api'),
      table: new TableV2(sources, 'Table', {
        partitionKey: { name: 'pk', type: AttributeType.STRING },
      }),
    });
    // Assess
    const template = Template.fromStack(observability);
    const alarms = Object.values(template.findResources('AWS::CloudWatch::Alarm')).map(
      (alarm) => alarm.Properties,
    );
    const alarm = (name: string) => alarms.find((a) => a.AlarmName === `nextwork-prod-${name}`);
    /** The NEXTWORK metrics an alarm watches: its own, or those its expression sums. */
    const watched = (name: string) => {
      const found = alarm(name);
      const stats = found?.Metrics
        ? found.Metrics.flatMap((m: { MetricStat?: { Metric: unknown } }) =>
            m.MetricStat ? [m.MetricStat.Metric] : [],
          )
        : [
            {
              MetricName: found?.MetricName,
              Namespace: found?.Namespace,
              Dimensions: found?.Dimensions,
            },
          ];
      return stats as Array<{
        MetricName: string;
        Namespace: string;
        Dimensions: Array<{ Name: string; Value: string }>;
      }>;
    };
    const expected: Array<[string, string, number, Record<string, string>[]]> = [
      [
        'ResponsesWithheld',
        'ResponsesWithheld',
        1,
        [{ operation: 'query' }, { operation: 'mutation' }],
      ],
      ['LifecyclesRepaired', 'LifecyclesRepaired', 1, [{}]],
      ['LifecycleTasksEscalatedAgain', 'LifecycleTasksEscalated', 1, [{ escalation: 'AGAIN' }]],
      ['MigrationsFailed', 'MigrationsFailed', 1, [{}]],
      ['ErasuresNotInLedger', 'ErasuresNotInLedger', 1, [{}]],
    ];
    for (const [name, metricName, threshold, dimensionSets] of expected) {
      expect(alarm(name), name).toMatchObject({
        Threshold: threshold,
        ComparisonOperator: 'GreaterThanOrEqualToThreshold',
        AlarmActions: [expect.anything()],
      });
      expect(watched(name).map((m) => [m.Namespace, m.MetricName])).toEqual(
        dimensionSets.map(() => ['NEXTWORK', metricName]),
      );
      expect(
        watched(name).map((m) => Object.fromEntries(m.Dimensions.map((d) => [d.Name, d.Value]))),
      ).toEqual(
        dimensionSets.map((dimensions) => ({ service: 'nextwork', stage: 'prod', ...dimensions })),
      );
    }
    expect(alarm('SubgraphCallsFailed')).toMatchObject({
      Threshold: 5,
      AlarmActions: [expect.anything()],
    });
    expect(watched('SubgraphCallsFailed')).toHaveLength(8);
    expect(new Set(watched('SubgraphCallsFailed').map((m) => m.MetricName))).toEqual(
      new Set(['SubgraphCallsFailed']),
    );
    const dashboard = JSON.stringify(template.findResources('AWS::CloudWatch::Dashboard'));
    for (const title of [
      'Requests by operation and outcome',
      'Refusals by code',
      'Lifecycle tasks',
    ]) {
      expect(dashboard).toContain(title);
    }
  });
});
