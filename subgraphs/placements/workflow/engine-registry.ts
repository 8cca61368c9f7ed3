import type { LifecycleEngine } from '../domain/lifecycle-engine.ts';
import { AwsLifecycleEngine } from './aws-lifecycle-engine.ts';

/**
 * Which lifecycle engine this process uses: the one the local stack (or a test) put in place,
 * else Step Functions when `LIFECYCLE_STATE_MACHINE_ARN` is set (AWS), else none — then
 * placements run without a lifecycle workflow, as before it existed.
 */
let injected: LifecycleEngine | null | undefined;
let fromEnvironment: LifecycleEngine | undefined;

/**
 * Puts an engine in place for this process (the local stack's, a test's); null takes it away.
 *
 * @param engine - the engine
 */
export function useLifecycleEngine(engine: LifecycleEngine | null): void {
  injected = engine;
}

/** The lifecycle engine of this process, or null when there is none. */
export function currentLifecycleEngine(): LifecycleEngine | null {
  if (injected) return injected;
  const arn = process.env.LIFECYCLE_STATE_MACHINE_ARN;
  if (!arn) return null;
  fromEnvironment ??= new AwsLifecycleEngine(arn);
  return fromEnvironment;
}
