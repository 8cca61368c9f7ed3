import * as z from 'zod';
import { requireIdentity } from '#kernel/authorisation';
import { answeredById, defineCommand } from '#kernel/command';
import type { SubgraphContext } from '#kernel/context';
import { DomainRuleError, NotFoundError, requireVersion } from '#kernel/errors';
import type { Identity } from '#kernel/identity';
import { newId } from '#kernel/keys';
import { EntityIdSchema, ExpectedVersionSchema, textSchema } from '#kernel/validation';
import { countSuggestion } from '../repository/network-stats-entity.ts';
import { loadSharedCompanies, loadSharedYouth } from '../repository/shared-items-repository.ts';
import { SuggestionEntity } from '../repository/suggestion-entity.ts';
import { loadSuggestion } from '../repository/suggestion-repository.ts';
import type { Suggestion } from './suggestion.ts';
import { suggestionChange } from './suggestion-figures.ts';

/** Input of `suggestToNetwork`. */
export const SuggestToNetworkInputSchema = z.object({
  text: textSchema(),
  anonymous: z.boolean().nullish(),
});

/** Input of `answerSuggestion`. */
export const AnswerSuggestionInputSchema = z.object({
  id: EntityIdSchema,
  expectedVersion: ExpectedVersionSchema,
  text: textSchema(),
  actedOn: z.boolean().nullish(),
});

/** Input of `markSuggestionActedOn`. */
export const MarkSuggestionActedOnInputSchema = z.object({
  id: EntityIdSchema,
  expectedVersion: ExpectedVersionSchema,
});

/** How a change answering with the suggestion remembers it, and answers a repeat. */
const answeredWithSuggestion = answeredById('The suggestion', (context, id) =>
  loadSuggestion(context.loader, id),
);

type Author = Pick<
  Suggestion,
  'municipalityCode' | 'authorSide' | 'authorYouthId' | 'authorContactId' | 'authorCompanyId'
>;

/**
 * The author of a new suggestion and the network it goes to: the municipality of the young
 * person's own record, or of the contact person's company as its record says now (a contact
 * removed from their company stands for no company and is refused here).
 */
async function authorOf(context: SubgraphContext, identity: Identity): Promise<Author> {
  if (identity.role === 'YOUTH') {
    const [youth] = await loadSharedYouth(context.loader, [identity.youthId]);
    if (!youth) throw new DomainRuleError('YOUTH_NOT_FOUND', 'There is no such young person', []);
    return {
      municipalityCode: youth.municipalityCode,
      authorSide: 'YOUTH',
      authorYouthId: identity.youthId,
    };
  }
  if (identity.role === 'COMPANY_CONTACT') {
    const [company] = await loadSharedCompanies(context.loader, [identity.companyId]);
    if (!company?.municipalityCode) {
      throw new DomainRuleError('COMPANY_NOT_FOUND', 'The contact person has no company', []);
    }
    return {
      municipalityCode: company.municipalityCode,
      authorSide: 'COMPANY',
      authorContactId: identity.contactId,
      authorCompanyId: identity.companyId,
    };
  }
  // The rule admits only these two roles.
  throw new DomainRuleError('NOT_A_NETWORK_MEMBER', 'Only young people and companies suggest', []);
}

/**
 * A suggestion for a change, read at the version the caller read: unknown is `NOT_FOUND`,
 * another version `CONFLICT` naming the current one.
 */
async function suggestionToChange(
  context: SubgraphContext,
  id: string,
  expectedVersion: number,
): Promise<Suggestion> {
  const suggestion = await loadSuggestion(context.loader, id);
  if (!suggestion) throw new NotFoundError('No such suggestion');
  requireVersion('The suggestion', expectedVersion, suggestion.version);
  return suggestion;
}

/** A young person or a company's contact person suggests something to their municipality's network. */
export const suggestToNetworkCommand = defineCommand({
  name: 'suggestToNetwork',
  input: SuggestToNetworkInputSchema,
  async execute(context, input, work) {
    const author = await authorOf(context, requireIdentity(context));
    const created = work.create(SuggestionEntity, {
      id: newId(context.now().getTime()),
      ...author,
      anonymous: input.anonymous ?? false,
      text: input.text,
      createdAt: context.now().toISOString(),
      version: 1,
    });
    countSuggestion(work, created.municipalityCode, suggestionChange(undefined, created));
    return created;
  },
  ...answeredWithSuggestion,
});

/**
 * The team answers a suggestion, once (a second answer is `SUGGESTION_ALREADY_ANSWERED`), and
 * may mark it acted on with the same change.
 */
export const answerSuggestionCommand = defineCommand({
  name: 'answerSuggestion',
  input: AnswerSuggestionInputSchema,
  async execute(context, input, work) {
    const identity = requireIdentity(context);
    const suggestion = await suggestionToChange(context, input.id, input.expectedVersion);
    if (suggestion.answer) {
      throw new DomainRuleError(
        'SUGGESTION_ALREADY_ANSWERED',
        'The suggestion has been answered already',
        ['id'],
      );
    }
    const now = context.now().toISOString();
    const answered = work.change(SuggestionEntity, suggestion, {
      answer: {
        text: input.text,
        answeredAt: now,
        answeredByStaffId: 'staffId' in identity ? identity.staffId : identity.subject,
      },
      ...(input.actedOn && !suggestion.actedOnAt ? { actedOnAt: now } : {}),
    });
    countSuggestion(work, suggestion.municipalityCode, suggestionChange(suggestion, answered));
    return answered;
  },
  ...answeredWithSuggestion,
});

/** The team marks a suggestion acted on, once (again is `SUGGESTION_ALREADY_ACTED_ON`). */
export const markSuggestionActedOnCommand = defineCommand({
  name: 'markSuggestionActedOn',
  input: MarkSuggestionActedOnInputSchema,
  async execute(context, input, work) {
    const suggestion = await suggestionToChange(context, input.id, input.expectedVersion);
    if (suggestion.actedOnAt) {
      throw new DomainRuleError(
        'SUGGESTION_ALREADY_ACTED_ON',
        'The suggestion has been marked acted on already',
        ['id'],
      );
    }
    const actedOn = work.change(SuggestionEntity, suggestion, {
      actedOnAt: context.now().toISOString(),
    });
    countSuggestion(work, suggestion.municipalityCode, suggestionChange(suggestion, actedOn));
    return actedOn;
  },
  ...answeredWithSuggestion,
});
