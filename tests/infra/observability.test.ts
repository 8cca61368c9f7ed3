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
});
