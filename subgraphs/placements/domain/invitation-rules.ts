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
}

/**
 * The rules of a new invitation, in the order they are reported: the company exists, the young
 * person is of its municipality (whether one of another exists is not the company's to learn),
 * the company takes part, the opportunity named is its own and open, and no invitation of the
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
