import type { ItemLoader } from '#kernel/entity-loader';
import type { UnitOfWork } from '#kernel/unit-of-work';
import { ParticipantTaskEntity } from '../repository/participant-task-entity.ts';
import { loadParticipantTasks } from '../repository/participant-task-repository.ts';
import type { LifecycleStep } from './lifecycle.ts';
import { type ParticipantTask, participantTasksOfStep } from './participant-task.ts';
import type { Placement } from './placement.ts';

/**
 * Stages the participant tasks a lifecycle step opens that are not there yet, on the unit of
 * work that opens the team's task of the step. Each is created on condition it does not exist,
 * and those that exist are left as they are (answered or not), so a retried step, a resumed or a
 * relaunched execution opens no second task.
 *
 * @param work - the step's unit of work
 * @param loader - the step's loader (the tasks are read in one batch)
 * @param placement - the placement
 * @param step - the step whose task opens
 * @param round - its round
 * @param dueDate - the step's due date
 * @param openedAt - now, as an instant
 * @returns the tasks staged
 */
export async function stageParticipantTasks(
  work: UnitOfWork,
  loader: ItemLoader,
  placement: Pick<Placement, 'id' | 'youthId' | 'companyId' | 'municipalityCode'>,
  step: LifecycleStep,
  round: number,
  dueDate: string,
  openedAt: string,
): Promise<ParticipantTask[]> {
  const wanted = participantTasksOfStep(placement, step, round, dueDate, openedAt);
  if (wanted.length === 0) return [];
  const stored = await loadParticipantTasks(
    loader,
    placement.youthId,
    wanted.map((task) => task.id),
  );
  const missing = wanted.filter((_task, i) => stored[i] === undefined);
  for (const task of missing) work.create(ParticipantTaskEntity, task);
  return missing;
}
