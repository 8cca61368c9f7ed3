import type { Migration } from '#kernel/migrations/migration';
import type { NetworkGroupKind } from '../domain/network-group.ts';
import { replayJoinings } from '../repository/group-member-ties.ts';
import { readAllGroupsOfMunicipality } from '../repository/network-group-repository.ts';
import { listMunicipalityCodes } from '../repository/network-stats-repository.ts';

/**
 * Ties from the groups' member lists: young people of a youth group tied to each other (issue
 * #20, written by `addNetworkGroupMembers` since then) and companies of a company group tied to
 * each other (written after the membership commits, so a follow-up that failed left pairs
 * out). Replays, per group, what each day's joining would have written: the members who joined
 * on a day with the members of the group by that day, on that day — by the same functions the
 * command uses, so the ties are the ones it writes. Members who left before this ran are no
 * longer on the list and are not derived.
 *
 * Every write only adds to sets, so a second run (or a run over ties the command already wrote)
 * changes nothing. The checkpoint is the last municipality done; a run stopped within one
 * writes that municipality's ties again, harmlessly.
 */
export const tiesFromGroupMemberships = {
  id: '0012',
  description: 'learning-community: youth-youth and company-company ties from group memberships',
  async run(table, checkpoint) {
    const from = checkpoint.resumeFrom ? String(checkpoint.resumeFrom.code) : undefined;
    for (const code of (await listMunicipalityCodes(table)).sort()) {
      if (from !== undefined && code <= from) continue;
      let touched = 0;
      for (const kind of ['YOUTH', 'COMPANY'] as const satisfies NetworkGroupKind[]) {
        for (const group of await readAllGroupsOfMunicipality(table, code, kind)) {
          touched += await replayJoinings(table, group);
        }
      }
      await checkpoint.save({ code }, touched);
    }
  },
} satisfies Migration;
