import { requireIdentity } from '#kernel/authorisation';
import type { Connection } from '#kernel/connection';
import type { SubgraphContext } from '#kernel/context';
import { NO_COMPANY } from '#kernel/current-contact';
import type { PageRequest } from '#kernel/listing';
import {
  listSuggestionsOfAuthor,
  listSuggestionsOfMunicipality,
  loadSuggestion,
} from '../repository/suggestion-repository.ts';
import type { Suggestion, SuggestionState } from './suggestion.ts';

/**
 * Reads of suggestions. Who may read a suggestion and which of its fields (its author and its
 * municipality's team; the author fields not for the team of an anonymous one) is the rule of
 * each field of `Suggestion`; these only read.
 */

/** A suggestion by id; null when none exists. */
export async function findSuggestion(
  context: SubgraphContext,
  id: string,
): Promise<Suggestion | null> {
  return (await loadSuggestion(context.loader, id)) ?? null;
}

/** One page of a municipality's suggestions, newest first, optionally in one state. */
export function suggestionsOfMunicipality(
  context: SubgraphContext,
  code: string,
  state: SuggestionState | undefined,
  page: PageRequest,
): Promise<Connection<Suggestion>> {
  return listSuggestionsOfMunicipality(context, code, state, page);
}

/**
 * One page of the caller's own suggestions: the listing is the caller's own author partition,
 * so nobody lists anyone else's. A contact person removed from their company lists nothing.
 */
export function suggestionsOfCaller(
  context: SubgraphContext,
  page: PageRequest,
): Promise<Connection<Suggestion>> {
  const identity = requireIdentity(context);
  if (identity.role === 'YOUTH') {
    return listSuggestionsOfAuthor(context, { youthId: identity.youthId }, page);
  }
  if (identity.role === 'COMPANY_CONTACT' && identity.companyId !== NO_COMPANY) {
    return listSuggestionsOfAuthor(context, { contactId: identity.contactId }, page);
  }
  return Promise.resolve({ edges: [], pageInfo: { hasNextPage: false, endCursor: null } });
}
