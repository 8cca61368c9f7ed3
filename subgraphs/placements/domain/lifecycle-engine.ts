import type { WorkflowEngine } from '#kernel/workflow-engine';
import type { LifecycleStep } from './lifecycle.ts';

/** The input of a lifecycle execution: a fresh start, or a resume at a recorded step. */
export interface LifecycleExecutionInput {
  placementId: string;
  round: number;
  /** The step to resume at; absent for a fresh start. */
  resumeAt?: LifecycleStep;
  [key: string]: unknown;
}

/**
 * What runs placement lifecycles: the kernel's workflow engine (Step Functions in AWS,
 * `aws-local-stepfunctions` in the local stack), reached through the request's context.
 */
export type LifecycleEngine = WorkflowEngine;

export { StaleTaskTokenError } from '#kernel/workflow-engine';
