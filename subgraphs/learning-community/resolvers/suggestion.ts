import { stateOf } from '../domain/suggestion.ts';
import type { SuggestionResolvers } from '../generated/resolvers-types.ts';

/**
 * `Suggestion`: who may read each field (the author fields not for the team of an anonymous
 * suggestion) is its rule, on every path to a suggestion.
 */
export const Suggestion: SuggestionResolvers = {
  municipality: (suggestion) => ({ code: suggestion.municipalityCode }),
  authorYouth: (suggestion) =>
    suggestion.authorYouthId
      ? { id: suggestion.authorYouthId, municipalityCode: suggestion.municipalityCode }
      : null,
  authorContact: (suggestion) =>
    suggestion.authorContactId ? { id: suggestion.authorContactId } : null,
  authorCompany: (suggestion) =>
    suggestion.authorCompanyId
      ? { id: suggestion.authorCompanyId, municipalityCode: suggestion.municipalityCode }
      : null,
  state: (suggestion) => stateOf(suggestion),
  answer: (suggestion) => suggestion.answer ?? null,
  actedOnAt: (suggestion) => suggestion.actedOnAt ?? null,
};
