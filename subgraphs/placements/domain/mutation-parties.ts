import type { SubgraphContext } from '#kernel/context';
import type { Identity } from '#kernel/identity';
import { EntityIdSchema, MunicipalityCodeSchema } from '#kernel/validation';
import { loadInvitations } from '../repository/invitation-repository.ts';
import { loadMatchingEvents, loadParticipation } from '../repository/matching-event-repository.ts';
import { loadPlacements } from '../repository/placement-repository.ts';
import { loadCompanyFacts, loadYouthFacts } from '../repository/shared-items.ts';
import { loadWishes } from '../repository/wish-repository.ts';
import type { PlacementsMutation, RecordParties } from './access.ts';

/**
 * The parties of the record each mutation acts on, for its rule (`MUTATION_ACCESS`): read
 * through the request's loader (the command reads again, strongly consistent, before it
 * writes), from the raw input, before the command parses it. What the input does not name, or
 * names malformed, or names but does not exist, is left out: the audience is then the caller's
 * role's, and the command answers (`BAD_USER_INPUT`, a `…_NOT_FOUND` user error).
 */

/** The parties of the record a mutation's input names, as far as they are known. */
export type PartiesOf = (
  identity: Identity,
  context: SubgraphContext,
  input: Readonly<Record<string, unknown>>,
) => Promise<Partial<RecordParties>>;

/** A well-formed id the input holds in a field, or undefined. */
function idIn(input: Readonly<Record<string, unknown>>, field: string): string | undefined {
  const value = input[field];
  return typeof value === 'string' && EntityIdSchema.safeParse(value).success ? value : undefined;
}

/** The young person a change names, or the caller for a young person's token that names none. */
function youthNamed(identity: Identity, input: Readonly<Record<string, unknown>>) {
  const named = typeof input.youthId === 'string' ? input.youthId : undefined;
  return named ?? (identity.role === 'YOUTH' ? identity.youthId : undefined);
}

const partiesOfRecord = (record: RecordParties): RecordParties => ({
  youthId: record.youthId,
  companyId: record.companyId,
  municipalityCode: record.municipalityCode,
});

/** A change of a placement: its parties. */
const ofPlacement: PartiesOf = async (_identity, context, input) => {
  const id = idIn(input, 'placementId');
  const [placement] = id ? await loadPlacements(context.loader, [id]) : [];
  return placement ? partiesOfRecord(placement) : {};
};

/** A new placement: the young person named and their municipality. */
const ofNewPlacement: PartiesOf = async (_identity, context, input) => {
  const id = idIn(input, 'youthId');
  const [youth] = id ? await loadYouthFacts(context.loader, [id]) : [];
  return youth ? { youthId: youth.id, municipalityCode: youth.municipalityCode } : {};
};

/** A new wish: the young person it is for and their municipality. */
const ofNewWish: PartiesOf = async (identity, context, input) => {
  const youthId = youthNamed(identity, input);
  const valid = youthId && EntityIdSchema.safeParse(youthId).success ? youthId : undefined;
  const [youth] = valid ? await loadYouthFacts(context.loader, [valid]) : [];
  if (youth) return { youthId: youth.id, municipalityCode: youth.municipalityCode };
  return youthId ? { youthId } : {};
};

/** A change of a wish: its parties. */
const ofWish: PartiesOf = async (_identity, context, input) => {
  const id = idIn(input, 'wishId');
  const [wish] = id ? await loadWishes(context.loader, [id]) : [];
  return wish ? partiesOfRecord(wish) : {};
};

/**
 * A new introduction: the young person and their municipality (the company's must be the same,
 * which the command checks); the company's municipality when the young person is not found.
 */
const ofNewIntroduction: PartiesOf = async (_identity, context, input) => {
  const youthId = idIn(input, 'youthId');
  const companyId = idIn(input, 'companyId');
  const [[youth], [company]] = await Promise.all([
    youthId ? loadYouthFacts(context.loader, [youthId]) : [undefined],
    companyId ? loadCompanyFacts(context.loader, [companyId]) : [undefined],
  ]);
  if (youth) return { youthId: youth.id, municipalityCode: youth.municipalityCode };
  return company ? { municipalityCode: company.municipalityCode } : {};
};

/** A new invitation: the company it comes from and its municipality. */
const ofNewInvitation: PartiesOf = async (_identity, context, input) => {
  const id = idIn(input, 'companyId');
  const [company] = id ? await loadCompanyFacts(context.loader, [id]) : [];
  if (company) return { companyId: company.id, municipalityCode: company.municipalityCode };
  return typeof input.companyId === 'string' ? { companyId: input.companyId } : {};
};

/**
 * A change of an invitation by its company: the company and its municipality (the young
 * person invited is no party to withdrawing it).
 */
const ofInvitationOfCompany: PartiesOf = async (_identity, context, input) => {
  const id = idIn(input, 'invitationId');
  const [invitation] = id ? await loadInvitations(context.loader, [id]) : [];
  return invitation
    ? { companyId: invitation.companyId, municipalityCode: invitation.municipalityCode }
    : {};
};

/**
 * An answer to an invitation: whether it is the caller's is the command's rule
 * (`NOT_YOUR_INVITATION`), which answers alike whether someone else's invitation exists or not.
 */
const ofAnswer: PartiesOf = async () => ({});

/** A new matching event: the municipality it is held in. */
const ofNewMatchingEvent: PartiesOf = async (_identity, _context, input) => {
  const code = input.municipalityCode;
  return MunicipalityCodeSchema.safeParse(code).success ? { municipalityCode: code as string } : {};
};

/** A change of a matching event: its municipality. */
const ofMatchingEvent: PartiesOf = async (_identity, context, input) => {
  const id = idIn(input, 'eventId');
  const [event] = id ? await loadMatchingEvents(context.loader, [id]) : [];
  return event ? { municipalityCode: event.municipalityCode } : {};
};

/** A young person's notes from an event: the young person and the event's municipality. */
const ofMatchingEventNote: PartiesOf = async (identity, context, input) => {
  const youthId = youthNamed(identity, input);
  const eventId = idIn(input, 'eventId');
  const valid = youthId && EntityIdSchema.safeParse(youthId).success;
  const participation =
    eventId && valid ? await loadParticipation(context.loader, eventId, youthId) : undefined;
  return {
    ...(youthId ? { youthId } : {}),
    ...(participation ? { municipalityCode: participation.municipalityCode } : {}),
  };
};

/** For each mutation, the parties of the record it acts on. */
export const MUTATION_PARTIES: Readonly<Record<PlacementsMutation, PartiesOf>> = {
  createMatchingEvent: ofNewMatchingEvent,
  addMatchingEventParticipants: ofMatchingEvent,
  recordMatchingEventNote: ofMatchingEventNote,
  createWish: ofNewWish,
  withdrawWish: ofWish,
  introduceYouthToCompany: ofNewIntroduction,
  inviteYouth: ofNewInvitation,
  answerInvitation: ofAnswer,
  withdrawInvitation: ofInvitationOfCompany,
  createPlacement: ofNewPlacement,
  startPlacement: ofPlacement,
  completeCheckpoint: ofPlacement,
  extendPlacement: ofPlacement,
  completePlacement: ofPlacement,
  interruptPlacement: ofPlacement,
  startPlacementLifecycle: ofPlacement,
  completePlacementCheckpoint: ofPlacement,
  recordPlacementOutcome: ofPlacement,
  recordFollowUp: ofPlacement,
  respondToWish: ofWish,
  writeMyReflection: ofPlacement,
  updatePlacementPlan: ofPlacement,
  givePlacementFeedback: ofPlacement,
  recordMatchingEventMeetings: ofMatchingEvent,
};
