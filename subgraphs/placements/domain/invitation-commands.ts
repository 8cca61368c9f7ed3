import { requireIdentity, requireStaffOf } from '#kernel/authorisation';
import type { SubgraphContext } from '#kernel/context';
import { createItemLoader } from '#kernel/entity-loader';
import { BadUserInputError, ForbiddenError } from '#kernel/errors';
import { isStaffRole } from '#kernel/identity';
import { newId } from '#kernel/keys';
import { sharedKeys } from '#kernel/shared-keys';
import type { TransactAction } from '#kernel/table/table';
import { parseInput } from '#kernel/validation';
import {
  invitationFromItem,
  invitationsOfYouthPartition,
} from '../repository/invitation-entity.ts';
import { invitationWriteAction, readInvitation } from '../repository/invitation-repository.ts';
import {
  companyIsActive,
  loadCompanyFacts,
  loadOpportunityFacts,
  loadYouthFacts,
  opportunityOpenAt,
} from '../repository/shared-items.ts';
import {
  invitationReason,
  linkAction,
  readLink,
} from '../repository/youth-company-link-repository.ts';
import { canSeeCompanyRecords } from './access.ts';
import {
  AnswerInvitationInputSchema,
  type Invitation,
  InvitationIdInputSchema,
  InviteYouthInputSchema,
  invitationStatus,
} from './invitation.ts';
import { withConflictRetries } from './retry.ts';
import { broken, RULE } from './rules.ts';

/** The inviting company: a contact's own, or the one the municipal team names. */
function inviterOf(context: SubgraphContext, companyId: string | null | undefined): string {
  const identity = requireIdentity(context);
  if (identity.role === 'COMPANY_CONTACT') {
    if (companyId && companyId !== identity.companyId) {
      throw new ForbiddenError('A contact invites only on behalf of their own company');
    }
    return identity.companyId;
  }
  if (!isStaffRole(identity.role)) {
    throw new ForbiddenError('Invitations come from a company or the team on its behalf');
  }
  if (!companyId) {
    throw new BadUserInputError('Invalid input: companyId: the team must name the company', [
      { path: 'companyId', message: 'the team must name the company' },
    ]);
  }
  return companyId;
}

/**
 * A company invites a young person of its municipality. In one transaction: the invitation,
 * checks that the company is active and the opportunity open, and the youth–company link
 * (so the company's contacts may see the young person's work profile while it lasts).
 *
 * @param context - the request's context
 * @param rawInput - the mutation's input
 */
export async function inviteYouth(
  context: SubgraphContext,
  rawInput: unknown,
): Promise<Invitation> {
  const input = parseInput(InviteYouthInputSchema, rawInput);
  const companyId = inviterOf(context, input.companyId);
  const identity = requireIdentity(context);
  const table = context.table;
  const invitationId = newId(context.now().getTime());
  return withConflictRetries(async () => {
    const loader = createItemLoader(table);
    const [[company], [youth], opportunity] = await Promise.all([
      loadCompanyFacts(loader, [companyId]),
      loadYouthFacts(loader, [input.youthId]),
      input.opportunityId ? loadOpportunityFacts(loader, input.opportunityId) : undefined,
    ]);
    if (!company) throw broken(RULE.COMPANY_NOT_FOUND, 'No such company', ['companyId']);
    if (isStaffRole(identity.role)) requireStaffOf(identity, company.municipalityCode);
    if (!youth || youth.municipalityCode !== company.municipalityCode) {
      // Whether a young person of another municipality exists is not the company's to learn.
      throw broken(RULE.YOUTH_NOT_FOUND, "No such young person in the company's municipality", [
        'youthId',
      ]);
    }
    if (company.status !== 'ACTIVE') {
      throw broken(RULE.COMPANY_NOT_ACTIVE, 'The company has paused or left the network', [
        'companyId',
      ]);
    }
    const actions: TransactAction[] = [
      { check: sharedKeys.company(company.id), condition: companyIsActive() },
    ];
    if (input.opportunityId) {
      if (!opportunity || opportunity.companyId !== company.id) {
        throw broken(RULE.OPPORTUNITY_NOT_AT_COMPANY, "The opportunity is not the company's", [
          'opportunityId',
        ]);
      }
      if (!opportunity.open) {
        throw broken(RULE.OPPORTUNITY_CLOSED, 'The opportunity is closed', ['opportunityId']);
      }
      actions.push({
        check: sharedKeys.opportunity(opportunity.id),
        condition: opportunityOpenAt(company.id),
      });
    }
    const [received, link] = await Promise.all([
      table.queryAll({ index: 'gsi1', partition: invitationsOfYouthPartition(youth.id) }),
      readLink(table, youth.id, company.id),
    ]);
    const pending = received
      .map(invitationFromItem)
      .some((i) => i.companyId === company.id && invitationStatus(i, context.now()) === 'PENDING');
    if (pending) {
      throw broken(
        RULE.INVITATION_ALREADY_PENDING,
        'The company already has an invitation waiting for this young person',
        ['youthId'],
      );
    }
    const now = context.now();
    const answerBy = new Date(now.getTime() + input.answerWithinDays * 86_400_000).toISOString();
    const { action, stored } = invitationWriteAction(null, {
      id: invitationId,
      municipalityCode: company.municipalityCode,
      youthId: youth.id,
      companyId: company.id,
      opportunityId: input.opportunityId ?? null,
      message: input.message,
      status: 'PENDING',
      answerBy,
      answeredAt: null,
      placementId: null,
      createdAt: now.toISOString(),
      version: 0,
    });
    const linkChange = linkAction(link, { add: [invitationReason(invitationId)] });
    await table.transact([action, ...actions, ...(linkChange ? [linkChange] : [])]);
    context.logger.info('Invitation sent', { invitationId });
    return stored;
  });
}

/**
 * The invited young person accepts or declines; the decision is theirs alone, so only their
 * own token may answer. A declined invitation no longer ties the young person to the company.
 *
 * @param context - the request's context
 * @param rawInput - the mutation's input
 */
export async function answerInvitation(
  context: SubgraphContext,
  rawInput: unknown,
): Promise<Invitation> {
  const identity = requireIdentity(context);
  const input = parseInput(AnswerInvitationInputSchema, rawInput);
  if (identity.role !== 'YOUTH') {
    throw new ForbiddenError('Only the invited young person answers an invitation');
  }
  return withConflictRetries(async () => {
    const invitation = await readInvitation(context.table, input.invitationId);
    if (!invitation || invitation.youthId !== identity.youthId) {
      throw broken(RULE.NOT_YOUR_INVITATION, 'This invitation is not yours to answer', [
        'invitationId',
      ]);
    }
    const status = invitationStatus(invitation, context.now());
    if (status === 'EXPIRED') {
      throw broken(RULE.INVITATION_EXPIRED, 'The invitation has expired', ['invitationId']);
    }
    if (status !== 'PENDING') {
      throw broken(RULE.INVITATION_ALREADY_ANSWERED, 'The invitation is no longer open', [
        'invitationId',
      ]);
    }
    const { action, stored } = invitationWriteAction(invitation, {
      ...invitation,
      status: input.accept ? 'ACCEPTED' : 'DECLINED',
      answeredAt: context.now().toISOString(),
    });
    const actions: TransactAction[] = [action];
    if (!input.accept) {
      const link = await readLink(context.table, invitation.youthId, invitation.companyId);
      const linkChange = linkAction(link, { remove: [invitationReason(invitation.id)] });
      if (linkChange) actions.push(linkChange);
    }
    await context.table.transact(actions);
    context.logger.info('Invitation answered', {
      invitationId: invitation.id,
      accepted: input.accept,
    });
    return stored;
  });
}

/**
 * The company (or the team on its behalf) withdraws an invitation not answered, expired or
 * not; it no longer ties the young person to the company.
 *
 * @param context - the request's context
 * @param rawInput - the mutation's input
 */
export async function withdrawInvitation(
  context: SubgraphContext,
  rawInput: unknown,
): Promise<Invitation> {
  const identity = requireIdentity(context);
  const { invitationId } = parseInput(InvitationIdInputSchema, rawInput);
  if (identity.role !== 'COMPANY_CONTACT' && !isStaffRole(identity.role)) {
    throw new ForbiddenError('Invitations are withdrawn by the company or the team');
  }
  return withConflictRetries(async () => {
    const invitation = await readInvitation(context.table, invitationId);
    if (!invitation) {
      throw broken(RULE.INVITATION_NOT_FOUND, 'No such invitation', ['invitationId']);
    }
    const company = { id: invitation.companyId, municipalityCode: invitation.municipalityCode };
    if (!canSeeCompanyRecords(identity, company)) {
      throw new ForbiddenError('Only the inviting company and its team withdraw an invitation');
    }
    if (invitation.status !== 'PENDING') {
      throw broken(RULE.INVITATION_ALREADY_ANSWERED, 'The invitation has been answered', [
        'invitationId',
      ]);
    }
    const { action, stored } = invitationWriteAction(invitation, {
      ...invitation,
      status: 'WITHDRAWN',
    });
    const link = await readLink(context.table, invitation.youthId, invitation.companyId);
    const linkChange = linkAction(link, { remove: [invitationReason(invitation.id)] });
    await context.table.transact([action, ...(linkChange ? [linkChange] : [])]);
    return stored;
  });
}
