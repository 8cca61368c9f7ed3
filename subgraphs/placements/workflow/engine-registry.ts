import type { LifecycleEngine } from '../domain/lifecycle-engine.ts';
import { AwsLifecycleEngine } from './aws-lifecycle-engine.ts';

/**
 * The lifecycle engine the function's environment configures: Step Functions when
 * `LIFECYCLE_STATE_MACHINE_ARN` is set (AWS), else none — then placements run without a
 * lifecycle workflow. The local stack hands in its own engine instead.
 *
 * @param env - the process environment
 */
export function lifecycleEngineFromEnvironment(
  env: NodeJS.ProcessEnv = process.env,
): LifecycleEngine | null {
  const arn = env.LIFECYCLE_STATE_MACHINE_ARN;
  return arn ? new AwsLifecycleEngine(arn) : null;
}
