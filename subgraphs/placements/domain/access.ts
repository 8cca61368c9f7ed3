import type { AudienceRules } from '#kernel/audience';
import { isStaffOf } from '#kernel/authorisation';
import { type Identity, isStaffRole } from '#kernel/identity';
import type { Mutation } from '../generated/resolvers-types.ts';

/**
 * Who may see and change what in the placements subgraph (`docs/authorisation.md`): a young
 * person their own records, a company contact their own company's, the municipal team their
 * municipality's. The programme office sees counts only, so it is refused every record.
 */

/** The capacity in which a caller looks at a record of this subgraph. */
export type PlacementsAudience = 'SELF' | 'COMPANY' | 'TEAM';

/** The parties of a record: the young person, the company and the municipality. */
export interface RecordParties {
  youthId: string;
  companyId: string;
  municipalityCode: string;
}

/**
 * The caller's audience for a record with these parties: the young person it names (`SELF`), a
 * contact of the company it names (`COMPANY`), the team of its municipality (`TEAM`); null when
 * the caller is none of them. A party left out (the record does not exist, or the change names
 * no such party) does not count against the caller: the audience is then the one their role
 * would have, and the command answers for the record.
 *
 * @param identity - the caller
 * @param parties - the parties the record (or the change) names
 */
export function audienceOf(
  identity: Identity,
  parties: Partial<RecordParties>,
): PlacementsAudience | null {
  const matches = (named: string | undefined, own: string) => named === undefined || named === own;
  if (identity.role === 'YOUTH') return matches(parties.youthId, identity.youthId) ? 'SELF' : null;
  if (identity.role === 'COMPANY_CONTACT') {
    return matches(parties.companyId, identity.companyId) ? 'COMPANY' : null;
  }
  if (isStaffRole(identity.role)) {
    const municipality = parties.municipalityCode;
    return municipality === undefined || isStaffOf(identity, municipality) ? 'TEAM' : null;
  }
  return null;
}

/** Whether the caller is a party to a record (placement, wish, invitation) or its team. */
export function canSeeRecord(identity: Identity, record: RecordParties): boolean {
  return audienceOf(identity, record) !== null;
}

/** The names of this subgraph's mutations. */
export type PlacementsMutation = Exclude<keyof Mutation, '__typename'>;

/**
 * Who may make each change, by their audience for the record it acts on (or, for a new one,
 * the parties its input names): the one table the mutations' rules are made from
 * (`authorisation-rules.ts`). A young person makes and withdraws their own wishes, answers their
 * own invitations and writes their own notes; a company contact invites and withdraws its
 * invitations; the team does all of that on their behalf but answering, and everything else —
 * introducing a young person to a company among it, which is the team's alone.
 */
export const MUTATION_ACCESS: AudienceRules<PlacementsAudience, PlacementsMutation> = {
  createMatchingEvent: ['TEAM'],
  addMatchingEventParticipants: ['TEAM'],
  recordMatchingEventNote: ['SELF', 'TEAM'],
  createWish: ['SELF', 'TEAM'],
  withdrawWish: ['SELF', 'TEAM'],
  introduceYouthToCompany: ['TEAM'],
  inviteYouth: ['COMPANY', 'TEAM'],
  answerInvitation: ['SELF'],
  withdrawInvitation: ['COMPANY', 'TEAM'],
  createPlacement: ['TEAM'],
  startPlacement: ['TEAM'],
  completeCheckpoint: ['TEAM'],
  extendPlacement: ['TEAM'],
  completePlacement: ['TEAM'],
  interruptPlacement: ['TEAM'],
  startPlacementLifecycle: ['TEAM'],
  completePlacementCheckpoint: ['TEAM'],
  recordPlacementOutcome: ['TEAM'],
  recordFollowUp: ['TEAM'],
  // The wished-for company answers, or its team on its behalf; never the young person.
  respondToWish: ['COMPANY', 'TEAM'],
  // The young person's own words: theirs alone to write.
  writeMyReflection: ['SELF'],
  // The young person co-writes the goals (the command holds them to those); the team all of it.
  updatePlacementPlan: ['SELF', 'TEAM'],
  // The participants' own voice: nobody gives it on their behalf.
  givePlacementFeedback: ['SELF', 'COMPANY'],
  recordMatchingEventMeetings: ['TEAM'],
};
