import type { AudienceRules } from '#kernel/audience';
import { isStaffOf } from '#kernel/authorisation';
import type { Identity } from '#kernel/identity';
import type { Suggestion } from './suggestion.ts';

/**
 * In what capacity a caller looks at a suggestion:
 *
 * - `AUTHOR`: the young person or contact person who made it;
 * - `TEAM`: the team of its municipality, of a suggestion with its author named;
 * - `TEAM_ANONYMOUS`: the same team, of a suggestion anonymous to it.
 *
 * Nobody else sees any suggestion.
 */
export type SuggestionAudience = 'AUTHOR' | 'TEAM' | 'TEAM_ANONYMOUS';

const EVERYONE = [
  'AUTHOR',
  'TEAM',
  'TEAM_ANONYMOUS',
] as const satisfies readonly SuggestionAudience[];
const THE_TEAM = ['TEAM', 'TEAM_ANONYMOUS'] as const satisfies readonly SuggestionAudience[];
const WHO_SEES_THE_AUTHOR = ['AUTHOR', 'TEAM'] as const satisfies readonly SuggestionAudience[];

/**
 * The caller's audience for a suggestion, or null.
 *
 * @param identity - the verified caller (a removed contact stands for no company)
 * @param suggestion - the suggestion
 */
export function suggestionAudience(
  identity: Identity,
  suggestion: Suggestion,
): SuggestionAudience | null {
  if (identity.role === 'YOUTH' && identity.youthId === suggestion.authorYouthId) return 'AUTHOR';
  if (
    identity.role === 'COMPANY_CONTACT' &&
    identity.contactId === suggestion.authorContactId &&
    identity.companyId === suggestion.authorCompanyId
  ) {
    return 'AUTHOR';
  }
  if (!isStaffOf(identity, suggestion.municipalityCode)) return null;
  return suggestion.anonymous ? 'TEAM_ANONYMOUS' : 'TEAM';
}

/**
 * Who may read each field of `Suggestion` (and find it by id): its author and its
 * municipality's team; who made it is not for the team when it is anonymous.
 */
export const SUGGESTION_FIELD_ACCESS = {
  id: EVERYONE,
  municipality: EVERYONE,
  authorSide: EVERYONE,
  anonymous: EVERYONE,
  authorYouth: WHO_SEES_THE_AUTHOR,
  authorContact: WHO_SEES_THE_AUTHOR,
  authorCompany: WHO_SEES_THE_AUTHOR,
  text: EVERYONE,
  createdAt: EVERYONE,
  state: EVERYONE,
  answer: EVERYONE,
  actedOnAt: EVERYONE,
  version: EVERYONE,
} as const satisfies AudienceRules<SuggestionAudience>;

/** Who may answer a suggestion and mark it acted on: its municipality's team. */
export const SUGGESTION_MUTATION_ACCESS = {
  answerSuggestion: THE_TEAM,
  markSuggestionActedOn: THE_TEAM,
} as const satisfies AudienceRules<SuggestionAudience>;
