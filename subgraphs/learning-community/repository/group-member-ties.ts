import type { Table } from '#kernel/table/table';
import { companyPairsJoining } from '../domain/company-group-ties.ts';
import type { GroupMember, NetworkGroup } from '../domain/network-group.ts';
import { youthGroupContact } from '../domain/youth-group-ties.ts';
import { writeCompanyGroupTies } from './company-group-ties-repository.ts';
import { writeYouthGroupTies } from './youth-group-ties-repository.ts';

/**
 * Writes the ties a group's member list implies, as each day's joining would have written them
 * (`addNetworkGroupMembers`): the members who joined on a day with the group's members by then,
 * on that day, by the command's own functions. Set additions only: a repeat changes nothing.
 * Migration 0012 and the demo seed write a stored group's ties through it.
 *
 * @param table - the table
 * @param group - the group as stored
 * @returns how many days of joining tied anyone
 */
export async function replayJoinings(table: Table, group: NetworkGroup): Promise<number> {
  const days = [...new Set(group.members.map((member) => member.joinedOn))].sort();
  let written = 0;
  for (const day of days) {
    const byThen = { ...group, members: group.members.filter((m) => m.joinedOn <= day) };
    const joining: GroupMember[] = group.members.filter((member) => member.joinedOn === day);
    const pairs = companyPairsJoining(byThen, joining);
    if (pairs.length > 0) await writeCompanyGroupTies(table, group.id, pairs, day);
    const peers = youthGroupContact(byThen, joining, day);
    if (peers) await writeYouthGroupTies(table, peers);
    if (pairs.length > 0 || peers) written += 1;
  }
  return written;
}
