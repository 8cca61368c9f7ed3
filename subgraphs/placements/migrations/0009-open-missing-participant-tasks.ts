import type { Checkpoint, Migration } from '#kernel/migrations/migration';
import { itemMustNotExist } from '#kernel/table/expressions';
import { ConditionFailedError, type QueryPage, type Table } from '#kernel/table/table';
import { participantTasksOfStep } from '../domain/participant-task.ts';
import type { Placement } from '../domain/placement.ts';
import { listTasksOfPlacement } from '../repository/lifecycle-task-repository.ts';
import { ParticipantTaskEntity } from '../repository/participant-task-entity.ts';
import { PlacementEntity, RUNNING_LIFECYCLES_PARTITION } from '../repository/placement-entity.ts';

const PAGE = 25;

/**
 * Opens the participant tasks one open lifecycle step lacks, each on condition it does not
 * exist: the deterministic id makes a task the lifecycle (or an earlier run) opened the same
 * item, so it is left as it is, answered or not.
 *
 * @returns how many tasks were opened
 */
async function openMissingTasks(table: Table, placement: Placement): Promise<number> {
  const open = (await listTasksOfPlacement(table, placement.id)).filter(
    (task) => task.status === 'OPEN',
  );
  let opened = 0;
  for (const step of open) {
    for (const task of participantTasksOfStep(
      placement,
      step.step,
      step.round,
      step.dueDate,
      step.openedAt,
    )) {
      try {
        await table.put(ParticipantTaskEntity.toItem(task), itemMustNotExist);
        opened += 1;
      } catch (error) {
        if (!(error instanceof ConditionFailedError)) throw error;
      }
    }
  }
  return opened;
}

/**
 * Lifecycles already waiting on a step when participant tasks came (commit 46eea5c) have no
 * participant tasks for that step: the lifecycle opens them only when a step opens. This opens
 * them for every running lifecycle's open step, placement by placement in the order of the
 * running-lifecycles list (gsi3, by placement id), saving the last placement done after each
 * page, so a stopped run resumes after it.
 */
export const openMissingParticipantTasks: Migration = {
  id: '0009',
  description: "placements: participant tasks opened for the running lifecycles' open steps",
  async run(table: Table, checkpoint: Checkpoint) {
    const after = checkpoint.resumeFrom ? String(checkpoint.resumeFrom.placementId) : '';
    let startKey: QueryPage['lastKey'];
    do {
      const page = await table.query({
        index: 'gsi3',
        partition: RUNNING_LIFECYCLES_PARTITION,
        limit: PAGE,
        ...(startKey ? { startKey } : {}),
      });
      const placements = page.items
        .map((item) => PlacementEntity.fromItem(item))
        .filter((placement) => placement.id > after);
      let touched = 0;
      for (const placement of placements) touched += await openMissingTasks(table, placement);
      const last = placements.at(-1);
      if (last) await checkpoint.save({ placementId: last.id }, touched);
      startKey = page.lastKey;
    } while (startKey);
  },
};
