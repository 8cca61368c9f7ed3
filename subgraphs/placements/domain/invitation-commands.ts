import { defineCommand } from '#kernel/command';
import type { SubgraphContext } from '#kernel/context';
import { createItemLoader } from '#kernel/entity-loader';
import { DomainRuleError, requireVersion, StrangerRuleError } from '#kernel/errors';
import { newId } from '#kernel/keys';
import type { Table } from '#kernel/table/table';
import { tieSource, youthCompanyTieAdded } from '#kernel/ties';
import { danishToday } from '#kernel/today';
import type { UnitOfWork } from '#kernel/unit-of-work';
import { linkReason } from '#kernel/youth-company-link';
import { InvitationEntity } from '../repository/invitation-entity.ts';
import { loadInvitation, readAllInvitationsOfYouth } from '../repository/invitation-repository.ts';
import { attendedTheSameEvent } from '../repository/matching-event-repository.ts';
import { readPlacementsOfYouth } from '../repository/placement-repository.ts';
import {
  type CompanyFacts,
  companyStillActive,
  loadCompanyFacts,
  loadOpportunityFacts,
  loadYouthFacts,
  opportunityStillOpenAt,
  type YouthFacts,
} from '../repository/shared-items.ts';
import { readAllWishesOfYouth } from '../repository/wish-repository.ts';
import {
  invitationReasons,
  linkAction,
  loadLink,
} from '../repository/youth-company-link-repository.ts';
import { loadTie } from '../repository/youth-company-tie-entity.ts';
import {
  AnswerInvitationInputSchema,
  type Invitation,
  type InviteYouthInput,
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
  // The tie is read in the same batch as the parties: the check costs no round trip of its own.
  const [[company], [youth], opportunity, received, tie] = await Promise.all([
    loadCompanyFacts(loader, [companyId]),
    loadYouthFacts(loader, [input.youthId]),
    input.opportunityId ? loadOpportunityFacts(loader, input.opportunityId) : undefined,
    readAllInvitationsOfYouth(context.table, input.youthId),
    loadTie(loader, input.youthId, companyId),
  ]);
  const pair = { youthId: input.youthId, companyId };
  const metAtEvent =
    !tie && (await attendedTheSameEvent(context.table, loader, pair, danishToday(context.now())));
  const wishedOrPlaced = !tie && !metAtEvent && (await wishedForOrPlacedWith(context.table, pair));
  return { company, youth, opportunity, received, tie, metAtEvent, wishedOrPlaced };
}

/**
 * Whether the young person wished for the company or had a placement with it, from their own
 * wishes and placements (a young person has a handful of each): the answer for records stored
 * before ties were kept.
 */
async function wishedForOrPlacedWith(
  table: Table,
  pair: { youthId: string; companyId: string },
): Promise<boolean> {
  const [wishes, placements] = await Promise.all([
    readAllWishesOfYouth(table, pair.youthId),
    readPlacementsOfYouth(table, pair.youthId),
  ]);
  return [...wishes, ...placements].some((record) => record.companyId === pair.companyId);
}

/**
 * Keeps a `REFUSED` audit event of an invitation refused for want of a meeting (a company
 * trying young people it has not met is what the DPO must be able to see), written with the
 * request's other events when it ends; the payload's user error is the caller's answer.
 */
function auditRefusal(
  context: SubgraphContext,
  error: unknown,
  facts: { company: CompanyFacts | undefined; youth: YouthFacts | undefined },
): void {
  if (!(error instanceof DomainRuleError) || error.userError.code !== RULE.NO_MEETING_YET) return;
  const { company, youth } = facts;
  context.audit.record({
    action: 'REFUSED',
    target: 'Mutation.inviteYouth',
    // Only a young person of the company's municipality: no trail is opened for an unknown id.
    ...(youth && youth.municipalityCode === company?.municipalityCode ? { youthId: youth.id } : {}),
    ...(company ? { municipalityCode: company.municipalityCode } : {}),
    reason: `${RULE.NO_MEETING_YET}: no meeting, wish, placement or introduction`,
  });
}

/** Stages the change of a link's reasons that an invitation adds or removes, if any. */
async function stageLinkChange(
  context: SubgraphContext,
  work: UnitOfWork,
  invitation: Invitation,
  change: 'add' | 'remove',
  alsoRemove: readonly string[] = [],
): Promise<void> {
  const link = await loadLink(context.loader, invitation.youthId, invitation.companyId);
  const action = linkAction(
    link,
    change === 'add'
      ? {
          add: [linkReason.invitation(invitation.id, invitation.answerBy)],
          remove: [...alsoRemove],
        }
      : { remove: invitationReasons(invitation) },
  );
  if (action) work.add(action);
}

/** What an invitation is made of besides the company: the input of `inviteYouth`. */
type InvitationRequest = Omit<InviteYouthInput, 'companyId'>;

/**
 * Where an invitation comes from when it answers a young person's wish (`respondToWish`): the
 * wish, and the link reasons the answer ends (the wish's own), changed in the same action as
 * the invitation's reason because a transaction may touch the link only once.
 */
export interface InvitationAnswering {
  wishId: string;
  endsLinkReasons: readonly string[];
}

/**
 * Decides and stages a company's invitation of a young person: the one path of every
 * invitation, whether the company invites of its own accord (`inviteYouth`) or answers a wish
 * (`respondToWish`), so both are held to the same rules (`invitation-rules.ts`), audit their
 * refusals alike, tie the young person to the company the same way and count the same.
 *
 * @param context - the request
 * @param work - the unit of work
 * @param companyId - the inviting company
 * @param input - the invitation asked for
 * @param answering - the wish it answers, when it does
 */
export async function stageInvitation(
  context: SubgraphContext,
  work: UnitOfWork,
  companyId: string,
  input: InvitationRequest,
  answering?: InvitationAnswering,
): Promise<Invitation> {
  const facts = await readInvitationFacts(context, companyId, input);
  let checked: ReturnType<typeof requireInvitationRules>;
  try {
    checked = requireInvitationRules(facts, input, context.now());
  } catch (error) {
    auditRefusal(context, error, facts);
    throw error;
  }
  const { company, youth } = checked;
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
    ...(answering ? { wishId: answering.wishId } : {}),
  });
  await stageLinkChange(context, work, invitation, 'add', answering?.endsLinkReasons);
  // The company chose the young person: its interest is strong.
  work.add(
    youthCompanyTieAdded({
      youthId: youth.id,
      companyId: company.id,
      municipalityCode: youth.municipalityCode,
      source: tieSource.invitation(invitation.id),
      way: 'INVITATION',
      day: danishToday(now),
      companyInterest: 'STRONG',
    }),
  );
  return invitation;
}

/**
 * A company invites a young person of its municipality it has met (`invitation-rules.ts`): a
 * contact for their own company, the team naming the company — the team too introduces the
 * young person first, so that every invitation has its meeting on record. Staged with checks that the company is still active and the
 * opportunity still open, and the youth–company link (so the company's contacts may see the
 * young person's work profile while it lasts).
 */
export const inviteYouthCommand = defineCommand({
  name: 'inviteYouth',
  input: InviteYouthInputSchema,
  async execute(context, input, work): Promise<Invitation> {
    const { companyId: named, ...request } = input;
    return stageInvitation(context, work, companyOfRequest(context, named), request);
  },
  remember: rememberInvitation,
  recall: recallInvitation,
});

/**
 * The invited young person accepts or declines, at the version they read; the decision is
 * theirs alone (the rule admits young people only, and this one must be the invited). An
 * answered invitation is no longer open, so it no longer ties the young person to the company
 * (an accepted one leads to a placement, which ties them again once the team plans it).
 */
export const answerInvitationCommand = defineCommand({
  name: 'answerInvitation',
  input: AnswerInvitationInputSchema,
  async execute(context, input, work): Promise<Invitation> {
    const invitation = await loadInvitation(context.loader, input.invitationId);
    const identity = context.identity;
    // Whether someone else's invitation exists is not theirs to learn: one answer for both.
    if (!invitation || identity?.role !== 'YOUTH' || invitation.youthId !== identity.youthId) {
      const answer = broken(RULE.NOT_YOUR_INVITATION, 'This invitation is not yours to answer', [
        'invitationId',
      ]);
      throw invitation ? new StrangerRuleError(answer, invitation.municipalityCode) : answer;
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
    await stageLinkChange(context, work, invitation, 'remove');
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
