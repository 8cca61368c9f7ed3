import type { Logger } from '@aws-lambda-powertools/logger';
import { commitSystemWork } from '#kernel/command';
import { createItemLoader } from '#kernel/entity-loader';
import { knownLabel, label, type MetricsRecorder } from '#kernel/metrics';
import type { Table } from '#kernel/table/table';
import { UnitOfWork } from '#kernel/unit-of-work';
import { LifecycleTaskEntity } from '../repository/lifecycle-task-entity.ts';
import { loadLifecycleTask } from '../repository/lifecycle-task-repository.ts';
import { loadPlacement } from '../repository/placement-repository.ts';
import { stagePlacementRecord } from '../repository/placement-writes.ts';
import {
  chaseAt,
  LIFECYCLE_STEPS,
  type LifecycleStep,
  type LifecycleTask,
  lifecycleTaskId,
  nextChaseAt,
  opensAt,
  type Route,
  routeAfter,
  stepDueDate,
} from './lifecycle.ts';
import type { LifecycleClock } from './lifecycle-clock.ts';
import type { LifecycleConfig } from './lifecycle-config.ts';
import { type LifecycleEngine, StaleTaskTokenError } from './lifecycle-engine.ts';
import { planWait } from './lifecycle-horizon.ts';
import { type PlacementWithLifecycle, relaunchLifecycle } from './lifecycle-relaunch.ts';
import { stageParticipantTasks } from './participant-task-opening.ts';
import type { Placement } from './placement.ts';

/**
 * The steps the lifecycle workflow takes between the people's steps, as the task handler
 * calls them: plan a step (and record where the lifecycle stands), open its task and wait,
 * chase it when overdue, route after a decision, finish. Each is idempotent — it decides from
 * what is stored and stages its writes on a unit of work, on condition of the versions read,
 * committed as the system's own (`commitSystemWork`) — so a retried or repeated call changes
 * nothing twice, and a workflow resumed at a recorded step picks up exactly where it stood. A
 * step that lost a race to a person's change fails, and Step Functions runs it again on what
 * is stored then.
 *
 * Each acts only for the execution the lifecycle record names: a step of any other execution
 * (one the reconciler replaced, a start that came late) finds the lifecycle "ended" for it,
 * writes nothing, and its execution ends. So however an execution came to run, one execution
 * at most moves a placement's lifecycle.
 */

/** What the workflow steps need. */
export interface LifecycleDeps {
  table: Table;
  clock: LifecycleClock;
  config: LifecycleConfig;
  /** Sends the callback itself when a task turns out to be done already. */
  engine: LifecycleEngine | null;
  logger: Logger;
  /** Where tasks opened, overdue and escalated are counted; none where nobody reads them. */
  metrics?: MetricsRecorder;
}

const STEP_NAMES: ReadonlySet<string> = new Set(LIFECYCLE_STEPS);

/** Where a step stands for the workflow: ended, done, or when to open and when to chase. */
export interface StepTimer {
  /** The lifecycle has ended (interrupted, or the placement is gone): the workflow stops. */
  ended: boolean;
  /** The step's task is done already: the workflow goes on. */
  done: boolean;
  /** Workflow seconds until the task opens (0: now). */
  opensInSeconds: number;
  /** Workflow seconds to wait for the person before the task is chased (at least 1). */
  timeoutSeconds: number;
  /** The task is overdue for a chase already: chase it now rather than wait. */
  chaseNow: boolean;
}

/** Which lifecycle a task event is about, and which execution sends it. */
export interface LifecycleCall {
  placementId: string;
  round: number;
  /** The name of the execution whose task this is. */
  execution: string;
}

/** Which step of a lifecycle a task event is about, and which execution sends it. */
export interface StepCall extends LifecycleCall {
  step: LifecycleStep;
}

const ENDED: StepTimer = {
  ended: true,
  done: false,
  opensInSeconds: 0,
  timeoutSeconds: 1,
  chaseNow: false,
};

/**
 * Whether the placement's lifecycle runs, under this execution. An execution the record does
 * not name was replaced (or started after its replacement): its steps leave the lifecycle to
 * the one the record names.
 */
function runsHere(
  deps: LifecycleDeps,
  placement: Placement | undefined,
  execution: string,
): placement is PlacementWithLifecycle {
  if (placement?.lifecycle?.status !== 'RUNNING') return false;
  if (placement.lifecycle.executionId === execution) return true;
  deps.logger.warn('Lifecycle step of an execution the record no longer names; it ends', {
    placementId: placement.id,
    execution,
    current: placement.lifecycle.executionId,
  });
  return false;
}

/** Commits what a step staged, as the system's own change (nothing when it staged nothing). */
async function commit(deps: LifecycleDeps, work: UnitOfWork): Promise<void> {
  if (!work.writesNothing) await commitSystemWork(deps.table, work, { logger: deps.logger });
}

function timeoutUntil(deps: LifecycleDeps, at: number): number {
  return Math.max(1, deps.clock.secondsUntil(at));
}

/**
 * Plans a step: records on the placement that its lifecycle is at this step and when it is due,
 * and answers when its task opens and when it is chased — or, when that wait would end beyond
 * the execution's horizon, hands the lifecycle over to a fresh execution and answers that it
 * has ended here.
 *
 * @param deps - the workflow's services
 * @param call - the placement, step and round, and the execution that plans it
 */
export async function scheduleStep(deps: LifecycleDeps, call: StepCall): Promise<StepTimer> {
  const { placementId, step, round } = call;
  // One read of each item per step, strongly consistent, like a request's.
  const loader = createItemLoader(deps.table);
  const read = await loadPlacement(loader, placementId);
  if (!runsHere(deps, read, call.execution)) return ENDED;
  const dueDate = stepDueDate(read, step, round, deps.config);
  const placement = await recordStep(deps, read, call, dueDate);
  const task = await loadLifecycleTask(loader, placementId, step, round);
  if (task && task.status !== 'OPEN') return { ...ENDED, ended: false, done: true };
  const chase = nextChaseAt(task ?? newTask(placement, step, round, dueDate, ''), deps.config);
  const opens = opensAt(dueDate, deps.config);
  const waitsToOpen = !task && deps.clock.secondsUntil(opens) > 0;
  const wake = await nextWake(deps, call, waitsToOpen ? opens : chase);
  if (wake === HAND_OVER) return handOver(deps, placement);
  return {
    ended: false,
    done: false,
    opensInSeconds: waitsToOpen ? deps.clock.secondsUntil(wake) : 0,
    timeoutSeconds: timeoutUntil(deps, waitsToOpen ? chase : wake),
    chaseNow: !waitsToOpen && deps.clock.secondsUntil(chase) === 0,
  };
}

/** Records that the lifecycle is at the step (unless it says so already); the placement as stored. */
async function recordStep(
  deps: LifecycleDeps,
  placement: PlacementWithLifecycle,
  { step, round }: StepCall,
  dueDate: string,
): Promise<PlacementWithLifecycle> {
  const lifecycle = placement.lifecycle;
  if (lifecycle.step === step && lifecycle.round === round && lifecycle.nextDueDate === dueDate) {
    return placement;
  }
  const work = new UnitOfWork();
  const planned = { ...lifecycle, step, round, nextDueDate: dueDate };
  const stored = stagePlacementRecord(work, placement, { ...placement, lifecycle: planned });
  await commit(deps, work);
  deps.logger.info('Lifecycle step planned', { placementId: placement.id, step, round, dueDate });
  return { ...stored, lifecycle: planned };
}

const HAND_OVER = 'HAND_OVER';

/**
 * When the execution wakes next, for a wait until a moment: the moment, or earlier when it lies
 * beyond the execution's horizon (see `lifecycle-horizon.ts`), or `HAND_OVER` when the execution
 * is to hand the lifecycle over now. The execution's start is the engine's to tell.
 */
async function nextWake(
  deps: LifecycleDeps,
  call: StepCall,
  target: number,
): Promise<number | typeof HAND_OVER> {
  const now = deps.clock.now();
  if (target <= now || !deps.engine) return target;
  const execution = await deps.engine.describeExecution(call.execution);
  if (!execution) return target;
  const plan = planWait(now, target, Date.parse(execution.startedAt));
  return plan.handOver ? HAND_OVER : plan.until;
}

/**
 * Hands the lifecycle over to a fresh execution at the step it stands at (the record first,
 * then the start; a failed start is the reconciler's) and answers that it ended here.
 */
async function handOver(
  deps: LifecycleDeps,
  placement: PlacementWithLifecycle,
): Promise<StepTimer> {
  if (deps.engine) {
    await relaunchLifecycle(
      { table: deps.table, engine: deps.engine, logger: deps.logger },
      placement,
      'HANDOVER',
    );
  }
  return ENDED;
}

function newTask(
  placement: PlacementWithLifecycle,
  step: LifecycleStep,
  round: number,
  dueDate: string,
  openedAt: string,
): LifecycleTask {
  return {
    id: lifecycleTaskId(placement.id, step, round),
    placementId: placement.id,
    municipalityCode: placement.municipalityCode,
    step,
    round,
    dueDate,
    assigneeStaffId: placement.lifecycle.consultantStaffId,
    status: 'OPEN',
    openedAt,
    reminders: 0,
    lastRemindedAt: null,
    escalations: 0,
    lastEscalatedAt: null,
    completedOn: null,
    completedBy: null,
    notes: null,
    result: null,
    taskToken: null,
    version: 0,
  };
}

async function answerAtOnce(
  deps: LifecycleDeps,
  taskToken: string,
  output: Record<string, unknown>,
) {
  if (!deps.engine) return;
  try {
    await deps.engine.sendTaskSuccess(taskToken, output);
  } catch (error) {
    if (!(error instanceof StaleTaskTokenError)) throw error;
  }
}

/**
 * Opens the task of a step for the responsible consultant, with the workflow's callback token,
 * and lets the workflow wait for the person. The same step and round is always the same task:
 * opened again (a retry, a resume, a wait after a reminder) it only takes the new token. When the
 * task is done already, or the lifecycle has ended (for this execution), the callback is
 * answered at once.
 *
 * @param deps - the workflow's services
 * @param call - the placement, step and round, and the execution that waits
 * @param taskToken - the workflow's callback token for this wait
 */
export async function openStepTask(
  deps: LifecycleDeps,
  call: StepCall,
  taskToken: string,
): Promise<{ taskId: string; waiting: boolean }> {
  const taskId = lifecycleTaskId(call.placementId, call.step, call.round);
  const waiting = await awaitTask(deps, call, taskToken);
  if (!waiting) await answerAtOnce(deps, taskToken, { taskId, alreadyDone: true });
  return { taskId, waiting };
}

/** Opens the task (or hands it the new token); false when there is nothing to wait for. */
async function awaitTask(deps: LifecycleDeps, call: StepCall, taskToken: string): Promise<boolean> {
  const { placementId, step, round } = call;
  const loader = createItemLoader(deps.table);
  const placement = await loadPlacement(loader, placementId);
  if (!runsHere(deps, placement, call.execution)) return false;
  const task = await loadLifecycleTask(loader, placementId, step, round);
  if (task && task.status !== 'OPEN') return false;
  if (task?.taskToken === taskToken) return true;
  const work = new UnitOfWork();
  let participantTasks = 0;
  if (task) {
    work.replace(LifecycleTaskEntity, task, { ...task, taskToken });
  } else {
    const dueDate = stepDueDate(placement, step, round, deps.config);
    const opened = new Date(deps.clock.now()).toISOString();
    // Created on condition it does not exist: two tries to open one step make one task.
    work.create(LifecycleTaskEntity, {
      ...newTask(placement, step, round, dueDate, opened),
      taskToken,
      version: 1,
    });
    // The participants' tasks open with the team's, in its transaction: nothing waits on them.
    const staged = await stageParticipantTasks(
      work,
      loader,
      placement,
      step,
      round,
      dueDate,
      opened,
    );
    participantTasks = staged.length;
  }
  await commit(deps, work);
  if (!task) {
    deps.logger.info('Lifecycle task opened', { placementId, step, round, participantTasks });
    deps.metrics?.count('LifecycleTasksOpened', { step: knownLabel(step, STEP_NAMES) });
  }
  return true;
}

/**
 * Chases the open task of a step whose wait timed out: reminds the consultant once it is
 * overdue, escalates to the team leader later (and again while it stays open), or does nothing
 * yet; answers whether the task is done after all and how long to wait next.
 *
 * @param deps - the workflow's services
 * @param call - the placement, step and round, and the execution that chases
 */
export async function chaseStepTask(deps: LifecycleDeps, call: StepCall): Promise<StepTimer> {
  const { placementId, step, round } = call;
  // One read of each item per step, strongly consistent, like a request's.
  const loader = createItemLoader(deps.table);
  const placement = await loadPlacement(loader, placementId);
  if (!runsHere(deps, placement, call.execution)) return ENDED;
  const task = await loadLifecycleTask(loader, placementId, step, round);
  if (!task) return { ...ENDED, ended: false };
  if (task.status !== 'OPEN') return { ...ENDED, ended: false, done: true };
  const now = deps.clock.now();
  const chase = chaseAt(task, now, deps.config);
  let after = task;
  if (chase !== 'NOTHING') {
    const work = new UnitOfWork();
    after = work.replace(
      LifecycleTaskEntity,
      task,
      chased(task, chase, new Date(now).toISOString()),
    );
    await commit(deps, work);
    deps.logger.info(chase === 'REMIND' ? 'Lifecycle task reminded' : 'Lifecycle task escalated', {
      placementId,
      step,
      round,
      escalations: after.escalations,
    });
    if (chase === 'REMIND') {
      deps.metrics?.count('LifecycleTasksOverdue', { step: knownLabel(step, STEP_NAMES) });
    } else {
      // Escalated again: the team leader was told and the task is still open (the alarm).
      deps.metrics?.count('LifecycleTasksEscalated', {
        escalation: after.escalations > 1 ? label('AGAIN') : label('FIRST'),
      });
    }
  }
  const next = nextChaseAt(after, deps.config);
  const wake = await nextWake(deps, call, next);
  if (wake === HAND_OVER) return handOver(deps, placement);
  return {
    ended: false,
    done: false,
    opensInSeconds: 0,
    timeoutSeconds: timeoutUntil(deps, wake),
    chaseNow: deps.clock.secondsUntil(next) === 0,
  };
}

/** A task reminded (the consultant) or escalated (to the team leader) at a moment. */
function chased(task: LifecycleTask, chase: 'REMIND' | 'ESCALATE', at: string): LifecycleTask {
  if (chase === 'REMIND') return { ...task, reminders: task.reminders + 1, lastRemindedAt: at };
  return {
    ...task,
    reminders: Math.max(1, task.reminders),
    lastRemindedAt: task.lastRemindedAt ?? at,
    escalations: task.escalations + 1,
    lastEscalatedAt: at,
  };
}

/**
 * Where the workflow goes after a step that branches, from what its task recorded.
 *
 * @param deps - the workflow's services
 * @param call - the placement, the step just completed and its round, and the execution
 */
export async function routeAfterStep(
  deps: LifecycleDeps,
  call: StepCall,
): Promise<{ next: Route; round: number }> {
  const { placementId, step, round } = call;
  // One read of each item per step, strongly consistent, like a request's.
  const loader = createItemLoader(deps.table);
  const placement = await loadPlacement(loader, placementId);
  if (!runsHere(deps, placement, call.execution)) return { next: 'END', round };
  const task = await loadLifecycleTask(loader, placementId, step, round);
  const next = routeAfter(step, task?.result ?? null);
  return { next, round: next === 'EXTEND' ? round + 1 : round };
}

/**
 * Records that a placement's lifecycle has run its course: after the decision, or after the
 * follow-ups. Nothing changes when it has ended already, or runs under another execution.
 *
 * @param deps - the workflow's services
 * @param call - the placement, and the execution that finishes
 */
export async function finishLifecycle(
  deps: LifecycleDeps,
  call: LifecycleCall,
): Promise<{ ended: true }> {
  const { placementId } = call;
  // One read of each item per step, strongly consistent, like a request's.
  const loader = createItemLoader(deps.table);
  const placement = await loadPlacement(loader, placementId);
  if (!runsHere(deps, placement, call.execution)) return { ended: true };
  const followedUp = placement.lifecycle.step.startsWith('FOLLOW_UP');
  const work = new UnitOfWork();
  stagePlacementRecord(work, placement, {
    ...placement,
    lifecycle: {
      ...placement.lifecycle,
      status: 'ENDED',
      nextDueDate: null,
      endedAt: new Date(deps.clock.now()).toISOString(),
      endReason: followedUp ? 'FOLLOWED_UP' : 'DECIDED',
    },
  });
  await commit(deps, work);
  deps.logger.info('Lifecycle finished', { placementId, step: placement.lifecycle.step });
  return { ended: true };
}
