import type { Migration } from '#kernel/migrations/migration';
import { foldPlacementMonthItems } from './0003-fold-month-items.ts';
import { completeEarlyLeavers } from './0006-early-leavers-completed.ts';
import { tiesFromHistory } from './0007-ties-from-history.ts';
import { countStoredWishes } from './0008-count-stored-wishes.ts';
import { openMissingParticipantTasks } from './0009-open-missing-participant-tasks.ts';
import { countStoredFeedback } from './0010-count-stored-feedback.ts';
import { gatherCompanyOccupancy } from './0014-company-occupancy.ts';
import { countChosenPlacements } from './0023-count-chosen-placements.ts';

/** The placements subgraph's data migrations, in order. */
export const PLACEMENTS_MIGRATIONS: readonly Migration[] = [
  foldPlacementMonthItems,
  completeEarlyLeavers,
  tiesFromHistory,
  countStoredWishes,
  openMissingParticipantTasks,
  countStoredFeedback,
  gatherCompanyOccupancy,
  countChosenPlacements,
];
