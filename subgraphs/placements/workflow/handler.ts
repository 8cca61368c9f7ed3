import type { Context } from 'aws-lambda';
import { logger, withLambdaContext } from '#kernel/logger';
import { createDynamoClient } from '#kernel/table/client';
import { Table } from '#kernel/table/table';
import { ScaledLifecycleClock } from '../domain/lifecycle-clock.ts';
import { LIFECYCLE_CONFIG } from '../domain/lifecycle-config.ts';
import { lifecycleEngineFromEnvironment } from './engine-registry.ts';
import { createLifecycleTaskHandler } from './lifecycle-task-handler.ts';

const handle = createLifecycleTaskHandler({
  table: new Table(createDynamoClient(), process.env.TABLE_NAME ?? ''),
  clock: new ScaledLifecycleClock(1),
  config: LIFECYCLE_CONFIG,
  engine: lifecycleEngineFromEnvironment(),
  logger,
});

/** Lambda entry of the lifecycle task function: every task state of the state machine. */
export const handler = withLambdaContext((event: unknown, _context: Context) => handle(event));
