import { Duration, RemovalPolicy } from 'aws-cdk-lib';
import { RetentionDays } from 'aws-cdk-lib/aws-logs';

/** A deployment stage: `dev` for development and demos, `prod` for the programme's data. */
export type StageName = 'dev' | 'prod';

/** The stages the app knows, in the order they are usually deployed. */
export const STAGE_NAMES: readonly StageName[] = ['dev', 'prod'];

/** Everything that differs between stages, in one place so that stacks read it, not decide it. */
export interface StageConfig {
  stage: StageName;
  /**
   * The AWS region: the data stays in the EU (Stockholm by default, the region closest to
   * Denmark). The table's customer-managed key needs a region-specific stack.
   */
  region: string;
  /** What CloudFormation does with data-bearing resources (table, key, buckets, user pool) on delete. */
  dataRemovalPolicy: RemovalPolicy;
  /** DynamoDB and Cognito deletion protection. */
  deletionProtection: boolean;
  /** Days of point-in-time recovery kept for the table (1–35). */
  pointInTimeRecoveryDays: number;
  /** How long function and access logs are kept. */
  logRetention: RetentionDays;
  /** Lambda application log level (`LOG_LEVEL`, read by Powertools). */
  logLevel: 'DEBUG' | 'INFO' | 'WARN' | 'ERROR';
  /** Steady-state requests per second and burst the HTTP API lets through. */
  apiThrottle: { rateLimit: number; burstLimit: number };
  /**
   * Concurrency reserved per subgraph: caps what one subgraph can demand of the table and of the
   * account's pool. Undefined: none (new accounts have too small a pool to reserve from).
   */
  subgraphReservedConcurrency?: number;
  /** Concurrency reserved for the gateway. */
  gatewayReservedConcurrency?: number;
  /** Warm gateway instances kept ready, so the first user of the morning meets no cold start. */
  gatewayProvisionedConcurrency: number;
  /** Browser origins allowed to call the API (the frontends). */
  corsAllowedOrigins: string[];
  /** How long an ID token (and so a session without refresh) lasts. */
  idTokenValidity: Duration;
  /** Where alarm notifications go; none means the topic has no subscriber yet. */
  alarmEmail?: string;
  /**
   * The table the functions use instead of the one the data stack creates: a table restored
   * from a point in time (a restore always makes a new table, with a new name). See
   * `docs/runbook.md`.
   */
  restoredTableName?: string;
}

/** The default region, overridable with `-c region=…` or `CDK_DEFAULT_REGION`. */
export const DEFAULT_REGION = 'eu-north-1';

const DEV: StageConfig = {
  stage: 'dev',
  region: DEFAULT_REGION,
  dataRemovalPolicy: RemovalPolicy.DESTROY,
  deletionProtection: false,
  pointInTimeRecoveryDays: 7,
  logRetention: RetentionDays.TWO_WEEKS,
  logLevel: 'DEBUG',
  apiThrottle: { rateLimit: 20, burstLimit: 40 },
  gatewayProvisionedConcurrency: 0,
  corsAllowedOrigins: ['http://localhost:5173', 'http://localhost:3000'],
  idTokenValidity: Duration.hours(1),
};

const PROD: StageConfig = {
  stage: 'prod',
  region: DEFAULT_REGION,
  dataRemovalPolicy: RemovalPolicy.RETAIN,
  deletionProtection: true,
  pointInTimeRecoveryDays: 35,
  logRetention: RetentionDays.THREE_MONTHS,
  logLevel: 'INFO',
  apiThrottle: { rateLimit: 200, burstLimit: 400 },
  subgraphReservedConcurrency: 50,
  gatewayReservedConcurrency: 100,
  gatewayProvisionedConcurrency: 1,
  corsAllowedOrigins: [],
  idTokenValidity: Duration.minutes(30),
};

/** What DynamoDB accepts as a table name. */
const TABLE_NAME = /^[A-Za-z0-9_.-]{3,255}$/;

/**
 * The configuration of a stage, with optional overrides from CDK context (`region`,
 * `alarmEmail`, `corsAllowedOrigins` as a comma-separated list, `restoredTableName`), so that
 * addresses, domains and the table after a restore stay out of the code.
 *
 * @param stage - the stage's name
 * @param context - CDK context values, e.g. `app.node.tryGetContext`
 */
export function stageConfig(
  stage: StageName,
  context: (key: string) => unknown = () => undefined,
): StageConfig {
  const base = stage === 'prod' ? PROD : DEV;
  const region = context('region');
  const alarmEmail = context('alarmEmail');
  const origins = context('corsAllowedOrigins');
  const restoredTableName = context('restoredTableName');
  if (restoredTableName !== undefined && !TABLE_NAME.test(String(restoredTableName))) {
    throw new Error(`restoredTableName ${JSON.stringify(restoredTableName)} is not a table name`);
  }
  return {
    ...base,
    ...(typeof region === 'string' && region ? { region } : {}),
    ...(typeof alarmEmail === 'string' && alarmEmail ? { alarmEmail } : {}),
    ...(typeof origins === 'string' && origins
      ? { corsAllowedOrigins: origins.split(',').map((origin) => origin.trim()) }
      : {}),
    ...(restoredTableName ? { restoredTableName: String(restoredTableName) } : {}),
  };
}

/**
 * Reads and checks the stage named by CDK context (`-c stage=prod`); anything but a known
 * stage stops the synth with the list of valid ones.
 *
 * @param value - the context value
 */
export function parseStage(value: unknown): StageName {
  if (typeof value === 'string' && (STAGE_NAMES as readonly string[]).includes(value)) {
    return value as StageName;
  }
  throw new Error(`Unknown stage ${JSON.stringify(value)}: use -c stage=${STAGE_NAMES.join('|')}`);
}
