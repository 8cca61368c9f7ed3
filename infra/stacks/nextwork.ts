import type { App } from 'aws-cdk-lib';
import { Duration, Tags } from 'aws-cdk-lib';
import { SUBGRAPHS, type SubgraphName } from '#schema/subgraphs';
import type { StageConfig } from '../config/stage.ts';
import { ApiStack } from './api-stack.ts';
import { DataStack } from './data-stack.ts';
import { IdentityStack } from './identity-stack.ts';
import { LifecycleStack, lifecycleStateMachineArn } from './lifecycle-stack.ts';
import { ObservabilityStack, type WatchedFunction } from './observability-stack.ts';

/** Options of one stage of the app. */
export interface NextworkOptions {
  config: StageConfig;
  /** The account to deploy to; account-agnostic (resolved at deploy) when absent. */
  account?: string;
  /** Entry overrides for tests; see `ApiStackProps.entries`. */
  entries?: Partial<Record<SubgraphName | 'gateway', string>>;
}

/** The stacks of one stage. */
export interface NextworkStacks {
  data: DataStack;
  identity: IdentityStack;
  api: ApiStack;
  lifecycle: LifecycleStack;
  observability: ObservabilityStack;
}

/**
 * Adds one stage of NEXTWORK to an app, as stacks with one job each, deployed in this order:
 * data (key, table, exports bucket) → identity (Cognito) → api (functions, secrets, HTTP API)
 * → lifecycle (state machine, task function) → observability (alarms, dashboard). The app checks every stack with the cdk-nag AwsSolutions
 * pack on synth (`infra/app.ts`); each acknowledged rule carries its reason next to the resource
 * it concerns.
 *
 * The placement lifecycle is a fifth stack between api and observability: `LifecycleStack`
 * with the state machine and its task function (the placements subgraph's key prefixes, a
 * dead-letter queue), granting the placements function what its mutations need; the
 * placements function finds the state machine by its fixed name (no reference back), and
 * observability watches it with `watchStateMachine`.
 *
 * @param app - the CDK app
 * @param options - the stage's configuration
 */
export function addNextworkStage(app: App, options: NextworkOptions): NextworkStacks {
  const { config } = options;
  const prefix = `nextwork-${config.stage}`;
  const env = { region: config.region, ...(options.account ? { account: options.account } : {}) };
  const common = { env, config };

  const data = new DataStack(app, `${prefix}-data`, {
    ...common,
    description: `NEXTWORK ${config.stage}: key, single table, evaluation exports`,
    terminationProtection: config.stage === 'prod',
  });
  const identity = new IdentityStack(app, `${prefix}-identity`, {
    ...common,
    description: `NEXTWORK ${config.stage}: Cognito users, groups and app client`,
    terminationProtection: config.stage === 'prod',
  });
  const api = new ApiStack(app, `${prefix}-api`, {
    ...common,
    description: `NEXTWORK ${config.stage}: gateway, subgraphs and HTTP API`,
    table: data.table,
    key: data.key,
    fieldKey: data.fieldKey,
    exportsBucket: data.exportsBucket,
    userPool: identity.userPool,
    client: identity.client,
    issuer: identity.issuer,
    ...(options.entries ? { entries: options.entries } : {}),
  });
  const placements = api.subgraphs.placements;
  placements.function.addEnvironment(
    'LIFECYCLE_STATE_MACHINE_ARN',
    lifecycleStateMachineArn(api, config.stage),
  );
  const lifecycle = new LifecycleStack(app, `${prefix}-lifecycle`, {
    ...common,
    description: `NEXTWORK ${config.stage}: placement lifecycle state machine and task function`,
    table: data.table,
    key: data.key,
    placementsRole: placements.role,
  });
  const observability = new ObservabilityStack(app, `${prefix}-observability`, {
    ...common,
    description: `NEXTWORK ${config.stage}: alarms and dashboard`,
    api: api.api,
    table: data.table,
    functions: {
      gateway: { function: api.gateway.function, p99Threshold: Duration.seconds(3) },
      ...Object.fromEntries(
        SUBGRAPHS.map(({ name }): [string, WatchedFunction] => [
          name,
          { function: api.subgraphs[name].function, p99Threshold: Duration.seconds(1) },
        ]),
      ),
      lifecycleTask: {
        function: lifecycle.taskFunction.function,
        p99Threshold: Duration.seconds(5),
      },
      // A pass reads every running lifecycle: seconds, not a request's milliseconds.
      lifecycleReconciler: {
        function: lifecycle.reconcilerFunction.function,
        p99Threshold: Duration.seconds(60),
      },
      ...Object.fromEntries(
        SUBGRAPHS.map(({ name }): [string, WatchedFunction] => [
          `${name}DataSubject`,
          { function: api.dataSubjectFunctions[name].function, p99Threshold: Duration.seconds(30) },
        ]),
      ),
    },
  });
  observability.watchStateMachine('Lifecycle', lifecycle.stateMachine);
  observability.watchDeadLetters('LifecycleReconciler', lifecycle.deadLetterQueue);

  for (const stack of [data, identity, api, lifecycle, observability]) {
    Tags.of(stack).add('project', 'nextwork');
    Tags.of(stack).add('stage', config.stage);
  }
  return { data, identity, api, lifecycle, observability };
}
