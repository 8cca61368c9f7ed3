import { defineCommand } from '#kernel/command';
import { requireVersion } from '#kernel/errors';
import {
  currentStatusOf,
  profileOf,
  readStatusChangeFacts,
  stageYouthStatusChange,
} from '../repository/youth-status-transition.ts';
import type { Youth } from './youth.ts';
import { answersWithYouth, todayOf, viewForCaller } from './youth-command-support.ts';
import { ChangeYouthStatusInputSchema } from './youth-inputs.ts';
import { requireInYouthsTime, requireYouthFound } from './youth-rules.ts';
import { requireManualStatusChange, requireStatusChangeAllowed } from './youth-status-rules.ts';

/** The young person after a status change, as the staged writes will store them. */
function afterStatusChange(youth: Youth, change: { status: Youth['status']; date: string }): Youth {
  return {
    ...youth,
    status: change.status,
    statusChangedAt: change.date,
    statusChanges: youth.statusChanges + 1,
    version: youth.version + 1,
  };
}

/**
 * `changeYouthStatus`: the team changes a young person's status by hand, along the transition
 * table, at the version the client read. It stages the same writes as a placement's status
 * change (`prepareYouthStatusChange`, the module people publishes): profile, history entry and
 * figures together.
 */
export const changeYouthStatusCommand = defineCommand({
  name: 'changeYouthStatus',
  input: ChangeYouthStatusInputSchema,
  async execute(context, input, work) {
    const facts = requireYouthFound(await readStatusChangeFacts(context.table, input.youthId));
    const youth = profileOf(facts);
    requireVersion('The young person', input.expectedVersion, youth.version);
    requireManualStatusChange(input, todayOf(context));
    requireInYouthsTime(input.date, youth, ['date']);
    requireStatusChangeAllowed(currentStatusOf(facts), input);
    stageYouthStatusChange(work, facts, input);
    return viewForCaller(context, afterStatusChange(youth, input));
  },
  ...answersWithYouth,
});
