import { defineCommand } from '#kernel/command';
import type { SubgraphContext } from '#kernel/context';
import { createItemLoader } from '#kernel/entity-loader';
import { requireVersion } from '#kernel/errors';
import { newId } from '#kernel/keys';
import type { UnitOfWork } from '#kernel/unit-of-work';
import { InvitationEntity } from '../repository/invitation-entity.ts';
import { loadInvitation, readAllInvitationsOfYouth } from '../repository/invitation-repository.ts';
import {
  companyStillActive,
  loadCompanyFacts,
  loadOpportunityFacts,
  loadYouthFacts,
  opportunityStillOpenAt,
} from '../repository/shared-items.ts';
import {
  invitationReason,
  linkAction,
  loadLink,
} from '../repository/youth-company-link-repository.ts';
import {
  AnswerInvitationInputSchema,
  type Invitation,
  InviteYouthInputSchema,
  invitationStatus,
  WithdrawInvitationInputSchema,
} from './invitation.ts';
import { type InvitationFacts, requireInvitationRules } from './invitation-rules.ts';
import { companyOfRequest } from './parties-of-request.ts';
import { recallInvitation, rememberInvitation } from './placement-results.ts';
import { broken, RULE } from './rules.ts';

/** Reads what a new invitation is decided on (other subgraphs' items through this run's loader). */
async function readInvitationFacts(
  context: SubgraphContext,
  companyId: string,
  input: { youthId: string; opportunityId?: string | null | undefined },
): Promise<InvitationFacts> {
  const loader = createItemLoader(context.table);
  const [[company], [youth], opportunity, received] = await Promise.all([
    loadCompanyFacts(loader, [companyId]),
    loadYouthFacts(loader, [input.youthId]),
    input.opportunityId ? loadOpportunityFacts(loader, input.opportunityId) : undefined,
    readAllInvitationsOfYouth(context.table, input.youthId),
  ]);
  return { company, youth, opportunity, received };
}

/** Stages the change of a link's reasons that an invitation adds or removes, if any. */
async function stageLinkChange(
  context: SubgraphContext,
  work: UnitOfWork,
  invitation: Invitation,
  change: 'add' | 'remove',
): Promise<void> {
  const link = await loadLink(context.loader, invitation.youthId, invitation.companyId);
  const action = linkAction(link, { [change]: [invitationReason(invitation.id)] });
  if (action) work.add(action);
}

/**
 * A company invites a young person of its municipality: a contact for their own company, the
 * team naming the company. Staged with checks that the company is still active and the
 * opportunity still open, and the youth–company link (so the company's contacts may see the
 * young person's work profile while it lasts).
 */
export const inviteYouthCommand = defineCommand({
  name: 'inviteYouth',
  input: InviteYouthInputSchema,
  async execute(context, input, work): Promise<Invitation> {
    const companyId = companyOfRequest(context, input.companyId);
    const facts = await readInvitationFacts(context, companyId, input);
    const { company, youth } = requireInvitationRules(facts, input, context.now());
    work.add(companyStillActive(company.id));
    if (input.opportunityId) work.add(opportunityStillOpenAt(input.opportunityId, company.id));
    const now = context.now();
    const invitation = work.create(InvitationEntity, {
      id: newId(now.getTime()),
      municipalityCode: company.municipalityCode,
      youthId: youth.id,
      companyId: company.id,
      opportunityId: input.opportunityId ?? null,
      message: input.message,
      status: 'PENDING',
      answerBy: new Date(now.getTime() + input.answerWithinDays * 86_400_000).toISOString(),
      answeredAt: null,
      placementId: null,
      createdAt: now.toISOString(),
      version: 1,
    });
    await stageLinkChange(context, work, invitation, 'add');
    return invitation;
  },
  remember: rememberInvitation,
  recall: recallInvitation,
});

/**
 * The invited young person accepts or declines, at the version they read; the decision is
 * theirs alone (the rule admits young people only, and this one must be the invited). A
 * declined invitation no longer ties the young person to the company.
 */
export const answerInvitationCommand = defineCommand({
  name: 'answerInvitation',
  input: AnswerInvitationInputSchema,
  async execute(context, input, work): Promise<Invitation> {
    const invitation = await loadInvitation(context.loader, input.invitationId);
    const identity = context.identity;
    // Whether someone else's invitation exists is not theirs to learn: one answer for both.
    if (!invitation || identity?.role !== 'YOUTH' || invitation.youthId !== identity.youthId) {
      throw broken(RULE.NOT_YOUR_INVITATION, 'This invitation is not yours to answer', [
        'invitationId',
      ]);
    }
    requireVersion('The invitation', input.expectedVersion, invitation.version);
    const status = invitationStatus(invitation, context.now());
    if (status === 'EXPIRED') {
      throw broken(RULE.INVITATION_EXPIRED, 'The invitation has expired', ['invitationId']);
    }
    if (status !== 'PENDING') {
      throw broken(RULE.INVITATION_ALREADY_ANSWERED, 'The invitation is no longer open', [
        'invitationId',
      ]);
    }
    const answer: Invitation = {
      ...invitation,
      status: input.accept ? 'ACCEPTED' : 'DECLINED',
      answeredAt: context.now().toISOString(),
    };
    const answered = work.replace(InvitationEntity, invitation, answer);
    if (!input.accept) await stageLinkChange(context, work, invitation, 'remove');
    return answered;
  },
  remember: rememberInvitation,
  recall: recallInvitation,
});

/**
 * The company (or the team on its behalf) withdraws an invitation not answered, expired or
 * not, at the version it read; it no longer ties the young person to the company.
 */
export const withdrawInvitationCommand = defineCommand({
  name: 'withdrawInvitation',
  input: WithdrawInvitationInputSchema,
  async execute(context, input, work): Promise<Invitation> {
    const invitation = await loadInvitation(context.loader, input.invitationId);
    if (!invitation) {
      throw broken(RULE.INVITATION_NOT_FOUND, 'No such invitation', ['invitationId']);
    }
    requireVersion('The invitation', input.expectedVersion, invitation.version);
    if (invitation.status !== 'PENDING') {
      throw broken(RULE.INVITATION_ALREADY_ANSWERED, 'The invitation has been answered', [
        'invitationId',
      ]);
    }
    const withdrawn: Invitation = { ...invitation, status: 'WITHDRAWN' };
    const stored = work.replace(InvitationEntity, invitation, withdrawn);
    await stageLinkChange(context, work, invitation, 'remove');
    return stored;
  },
  remember: rememberInvitation,
  recall: recallInvitation,
});
