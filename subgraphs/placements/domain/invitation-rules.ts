import type { YouthCompanyTie } from '#kernel/ties';
import type { CompanyFacts, OpportunityFacts, YouthFacts } from '../repository/shared-items.ts';
import { type Invitation, invitationStatus } from './invitation.ts';
import { broken, RULE } from './rules.ts';

/** What a new invitation is decided on, as read. */
export interface InvitationFacts {
  company: CompanyFacts | undefined;
  youth: YouthFacts | undefined;
  /** The opportunity named, when one was. */
  opportunity: OpportunityFacts | undefined;
  /** The invitations the young person received so far. */
  received: readonly Invitation[];
  /** The young person's tie to the company: a wish, a placement or the team's introduction. */
  tie: YouthCompanyTie | undefined;
  /**
   * Whether both the young person and the company were at a matching event held by now (read
   * only when there is no tie: an event records who came, not who met whom).
   */
  metAtEvent: boolean;
  /**
   * Whether the young person wished for the company or had a placement with it, read from those
   * records only when there is no tie and no event: wishes and placements stored before ties
   * were kept have none, and need no data migration to count.
   */
  wishedOrPlaced: boolean;
}

/**
 * Whether the company has met the young person the programme's way — at a matching event
 * both attended, through the young person's wish (open or earlier), a placement (planned,
 * running or past), or the team's introduction — and so may invite them. Pure.
 *
 * @param facts - what was read
 */
export function hasMet(
  facts: Pick<InvitationFacts, 'tie' | 'metAtEvent' | 'wishedOrPlaced'>,
): boolean {
  return (facts.tie?.reasons.length ?? 0) > 0 || facts.metAtEvent || facts.wishedOrPlaced;
}

/**
 * The rules of a new invitation, in the order they are reported: the company exists, it has met
 * the young person ({@link hasMet}: meeting first, then the invitation; whether a young person
 * it has not met exists is not the company's to learn, so `NO_MEETING_YET` answers for both), the
 * young person is of its municipality, the company takes part, the opportunity named is its own and open, and no invitation of the
 * company waits for the young person's answer already. Pure.
 *
 * @param facts - what was read
 * @param input - the invitation asked for
 * @param now - the moment (a pending invitation past its due time has expired)
 * @returns the company and the young person
 */
export function requireInvitationRules(
  facts: InvitationFacts,
  input: { opportunityId?: string | null | undefined },
  now: Date,
): { company: CompanyFacts; youth: YouthFacts } {
  const { company, youth, opportunity } = facts;
  if (!company) throw broken(RULE.COMPANY_NOT_FOUND, 'No such company', ['companyId']);
  if (!hasMet(facts)) {
    throw broken(
      RULE.NO_MEETING_YET,
      'The company may invite a young person it has met at a matching event, who has wished for it, or whom the team has introduced',
      ['youthId'],
    );
  }
  if (!youth || youth.municipalityCode !== company.municipalityCode) {
    throw broken(RULE.YOUTH_NOT_FOUND, "No such young person in the company's municipality", [
      'youthId',
    ]);
  }
  if (company.status !== 'ACTIVE') {
    throw broken(RULE.COMPANY_NOT_ACTIVE, 'The company has paused or left the network', [
      'companyId',
    ]);
  }
  if (input.opportunityId) {
    if (!opportunity || opportunity.companyId !== company.id) {
      throw broken(RULE.OPPORTUNITY_NOT_AT_COMPANY, "The opportunity is not the company's", [
        'opportunityId',
      ]);
    }
    if (!opportunity.open) {
      throw broken(RULE.OPPORTUNITY_CLOSED, 'The opportunity is closed', ['opportunityId']);
    }
  }
  const pending = facts.received.some(
    (invitation) =>
      invitation.companyId === company.id && invitationStatus(invitation, now) === 'PENDING',
  );
  if (pending) {
    throw broken(
      RULE.INVITATION_ALREADY_PENDING,
      'The company already has an invitation waiting for this young person',
      ['youthId'],
    );
  }
  return { company, youth };
}
