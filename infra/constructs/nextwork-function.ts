import { join } from 'node:path';
import { Duration, type RemovalPolicy, Validations } from 'aws-cdk-lib';
import { type IRole, Role, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import { Architecture, Runtime, Tracing } from 'aws-cdk-lib/aws-lambda';
import { NodejsFunction } from 'aws-cdk-lib/aws-lambda-nodejs';
import { LogGroup, type RetentionDays } from 'aws-cdk-lib/aws-logs';
import { Construct } from 'constructs';
import { cdkBundlingOptions, PROJECT_ROOT, RUNTIME_ENVIRONMENT } from '../config/bundling.ts';

/** The runtime of every function: the project pins Node.js 22 (some dependencies need it). */
export const FUNCTION_RUNTIME = Runtime.NODEJS_22_X;

/** Settings of one project function. */
export interface NextworkFunctionProps {
  /** The entry file, relative to the repository root, exporting `handler`. */
  entry: string;
  /** What the function does, shown in the console. */
  description: string;
  /** `POWERTOOLS_SERVICE_NAME`: the `service` of every log line. */
  serviceName: string;
  /** The deployment stage, passed as `STAGE`. */
  stage: string;
  /** `LOG_LEVEL` for Powertools. */
  logLevel: string;
  /** How long the function's logs are kept. */
  logRetention: RetentionDays;
  /** What happens to the log group when the stack is deleted. */
  logRemovalPolicy: RemovalPolicy;
  /** @default 1024 */
  memorySize?: number;
  /** @default 10 seconds */
  timeout?: Duration;
  /** Concurrency reserved for (and so capping) this function. @default none */
  reservedConcurrentExecutions?: number;
  /** Further environment: names and ARNs only, never secret values. */
  environment?: Record<string, string>;
}

/**
 * A project Lambda function with the defaults every function shares: Node.js 22 on arm64,
 * bundled by esbuild on this machine with the one bundling configuration of
 * `infra/config/bundling.ts` (ES module, minified, source maps beside the bundle, the AWS SDK
 * from the runtime, stand-ins for what Lambda never runs), X-Ray tracing, a log group with retention, Powertools settings
 * in the environment, and its own role that starts with nothing but writing its own logs —
 * each stack grants what the function needs, no more.
 */
export class NextworkFunction extends Construct {
  /** The function. */
  readonly function: NodejsFunction;
  /** Its role, to which grants are added. */
  readonly role: IRole;
  /** Its log group. */
  readonly logGroup: LogGroup;

  constructor(scope: Construct, id: string, props: NextworkFunctionProps) {
    super(scope, id);

    this.logGroup = new LogGroup(this, 'Logs', {
      retention: props.logRetention,
      removalPolicy: props.logRemovalPolicy,
    });

    const role = new Role(this, 'Role', {
      assumedBy: new ServicePrincipal('lambda.amazonaws.com'),
      description: `${props.description} (execution role)`,
    });
    this.logGroup.grantWrite(role);
    this.role = role;

    this.function = new NodejsFunction(this, 'Function', {
      entry: join(PROJECT_ROOT, props.entry),
      handler: 'handler',
      projectRoot: PROJECT_ROOT,
      depsLockFilePath: join(PROJECT_ROOT, 'package-lock.json'),
      description: props.description,
      runtime: FUNCTION_RUNTIME,
      architecture: Architecture.ARM_64,
      memorySize: props.memorySize ?? 1024,
      timeout: props.timeout ?? Duration.seconds(10),
      tracing: Tracing.ACTIVE,
      role,
      logGroup: this.logGroup,
      awsSdkConnectionReuse: false,
      ...(props.reservedConcurrentExecutions === undefined
        ? {}
        : { reservedConcurrentExecutions: props.reservedConcurrentExecutions }),
      bundling: cdkBundlingOptions(props.entry),
      environment: {
        STAGE: props.stage,
        POWERTOOLS_SERVICE_NAME: props.serviceName,
        LOG_LEVEL: props.logLevel,
        // How the bundle loads (no `--enable-source-maps` unless asked for: see the constant).
        ...RUNTIME_ENVIRONMENT,
        ...props.environment,
      },
    });

    Validations.of(this).acknowledge(
      {
        id: 'AwsSolutions-L1',
        reason:
          'Node.js 22 is the runtime the project pins (dependencies are tested on it; ' +
          '@as-integrations/aws-lambda 4.1 needs it); moving to a newer one is a deliberate upgrade.',
      },
      {
        id: 'AwsSolutions-IAM5[Resource::*]',
        reason:
          'Active tracing needs xray:PutTraceSegments and xray:PutTelemetryRecords, which ' +
          'support no resource-level permissions (X-Ray accepts only "*").',
      },
    );
  }
}
