import { logger } from '#kernel/logger';

/**
 * Runs the lifecycle reconciler inside the local stack every `everySeconds`, as EventBridge
 * Scheduler runs the same pass in AWS every 15 minutes: one pass at a time (a pass still
 * running when the next is due is not doubled), a failed pass logged and tried again at the
 * next turn. The timer does not keep the process alive.
 *
 * @param pass - one reconciler pass
 * @param everySeconds - how often (the local stack's `LIFECYCLE_RECONCILE_SECONDS`)
 * @returns stops the timer, after waiting for a pass in flight
 */
export function keepReconciling(
  pass: () => Promise<unknown>,
  everySeconds: number,
): () => Promise<void> {
  let running: Promise<void> | undefined;
  const turn = () => {
    running ??= pass()
      .then(() => {})
      .catch((error: unknown) => {
        logger.error('Lifecycle reconciler pass failed', { error: error as Error });
      })
      .finally(() => {
        running = undefined;
      });
  };
  const timer = setInterval(turn, everySeconds * 1000);
  timer.unref();
  return async () => {
    clearInterval(timer);
    await running;
  };
}
