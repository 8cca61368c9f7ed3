import * as z from 'zod';
import { defineEntity } from '#kernel/entity';
import { type ItemKey, key, PREFIX } from '#kernel/keys';
import type { Item } from '#kernel/table/table';
import {
  type Suggestion,
  SuggestionAuthorSideSchema,
  SuggestionSchema,
  type SuggestionState,
  stateOf,
} from '../domain/suggestion.ts';
import type { SuggestionFigureFacts } from '../domain/suggestion-figures.ts';
import { LC_PREFIX } from './prefixes.ts';

/** Primary key of a suggestion's item. */
export function suggestionKey(suggestionId: string): ItemKey {
  return {
    pk: key(LC_PREFIX.suggestion, suggestionId),
    sk: key(LC_PREFIX.suggestion, suggestionId),
  };
}

/** Index partition (gsi1) of a municipality's suggestions, every state, by creation. */
function suggestionsOfMunicipalityPartition(code: string): string {
  return key(LC_PREFIX.suggestion, PREFIX.municipality, code);
}

/** Index partition (gsi2) of a municipality's suggestions in one state, by creation. */
function suggestionsInStatePartition(code: string, state: SuggestionState): string {
  return key(LC_PREFIX.suggestion, PREFIX.municipality, code, state);
}

/** Index partition (gsi3) of an author's own suggestions (a young person or a contact). */
function suggestionsOfAuthorPartition(author: string): string {
  return key(LC_PREFIX.suggestion, 'AUTHOR', author);
}

/** The author an item is listed under: the young person, or the contact person. */
function authorOf(suggestion: Suggestion): string | undefined {
  if (suggestion.authorYouthId) return key(PREFIX.youth, suggestion.authorYouthId);
  if (suggestion.authorContactId) return key(PREFIX.contact, suggestion.authorContactId);
  return undefined;
}

/**
 * A suggestion, listed for its municipality's team (all, and by state, so the filter is a
 * query and never a filtered read) and for its author. An answer moves it from the `OPEN` to
 * the `ANSWERED` listing; an erased author's suggestion leaves the author listing.
 */
export const SuggestionEntity = defineEntity<Suggestion>({
  name: 'Suggestion',
  schema: SuggestionSchema,
  key: (suggestion) => suggestionKey(suggestion.id),
  indexes: {
    gsi1: (suggestion) => ({
      pk: suggestionsOfMunicipalityPartition(suggestion.municipalityCode),
      sk: key(suggestion.createdAt, suggestion.id),
    }),
    gsi2: (suggestion) => ({
      pk: suggestionsInStatePartition(suggestion.municipalityCode, stateOf(suggestion)),
      sk: key(suggestion.createdAt, suggestion.id),
    }),
    gsi3: (suggestion) => {
      const author = authorOf(suggestion);
      return author
        ? { pk: suggestionsOfAuthorPartition(author), sk: key(suggestion.createdAt, suggestion.id) }
        : undefined;
    },
  },
});

/** The listing of a municipality's suggestions, newest first, optionally in one state. */
export function suggestionsOfMunicipalityQuery(code: string, state?: SuggestionState) {
  return state
    ? {
        index: 'gsi2' as const,
        partition: suggestionsInStatePartition(code, state),
        forward: false,
      }
    : {
        index: 'gsi1' as const,
        partition: suggestionsOfMunicipalityPartition(code),
        forward: false,
      };
}

/** The listing of a young person's own suggestions, newest first. */
export function suggestionsOfYouthQuery(youthId: string) {
  return {
    index: 'gsi3' as const,
    partition: suggestionsOfAuthorPartition(key(PREFIX.youth, youthId)),
    forward: false,
  };
}

/** The listing of a contact person's own suggestions, newest first. */
export function suggestionsOfContactQuery(contactId: string) {
  return {
    index: 'gsi3' as const,
    partition: suggestionsOfAuthorPartition(key(PREFIX.contact, contactId)),
    forward: false,
  };
}

/** Index partition (gsi1) of the stubs an erased young person's suggestions leave. */
function erasedSuggestionsPartition(code: string): string {
  return key(LC_PREFIX.suggestion, PREFIX.municipality, code, 'ERASED');
}

/** The entity name of an erased young person's suggestion stub. */
export const ERASED_SUGGESTION_ENTITY = 'ErasedSuggestion';

/**
 * The stub an erased young person's suggestion leaves (`SUGGESTION#<new>` / `ERASED`): only what
 * the suggestion figures count (`suggestion-figures.ts`) — municipality, side, when made,
 * answered and acted on — listed for its municipality's recount apart from the team's listings.
 * No words, author or old id, so nothing ties it to the young person.
 *
 * @param suggestion - the suggestion erased
 * @param id - the stub's new random id
 */
export function erasedSuggestionToItem(suggestion: Suggestion, id: string): Item {
  return {
    pk: key(LC_PREFIX.suggestion, id),
    sk: 'ERASED',
    entity: ERASED_SUGGESTION_ENTITY,
    gsi1pk: erasedSuggestionsPartition(suggestion.municipalityCode),
    gsi1sk: key(suggestion.createdAt, id),
    municipalityCode: suggestion.municipalityCode,
    authorSide: suggestion.authorSide,
    createdAt: suggestion.createdAt,
    answer: suggestion.answer ? { answeredAt: suggestion.answer.answeredAt } : null,
    actedOnAt: suggestion.actedOnAt ?? null,
  };
}

const ErasedSuggestionSchema = z.object({
  authorSide: SuggestionAuthorSideSchema,
  createdAt: z.string(),
  answer: z.object({ answeredAt: z.string() }).nullish(),
  actedOnAt: z.string().nullish(),
});

/**
 * What the suggestion figures count of a suggestion item, a suggestion or its erased stub alike.
 *
 * @param item - an item of a municipality's suggestion listings
 */
export function suggestionFigureFactsOf(item: Item): SuggestionFigureFacts {
  if (item.entity === ERASED_SUGGESTION_ENTITY) return ErasedSuggestionSchema.parse(item);
  return SuggestionEntity.fromItem(item);
}

/** The listings the suggestion figures of a municipality are counted from: live and erased. */
export function suggestionFiguresQueries(code: string) {
  return [
    { index: 'gsi1' as const, partition: suggestionsOfMunicipalityPartition(code) },
    { index: 'gsi1' as const, partition: erasedSuggestionsPartition(code) },
  ];
}
