import type { Connection } from '#kernel/connection';
import type { ItemLoader } from '#kernel/entity-loader';
import type { ListingReader, PageRequest } from '#kernel/listing';
import type { Table } from '#kernel/table/table';
import type { Suggestion, SuggestionState } from '../domain/suggestion.ts';
import type { SuggestionFigureFacts } from '../domain/suggestion-figures.ts';
import {
  SuggestionEntity,
  suggestionFigureFactsOf,
  suggestionFiguresQueries,
  suggestionKey,
  suggestionsOfContactQuery,
  suggestionsOfMunicipalityQuery,
  suggestionsOfYouthQuery,
} from './suggestion-entity.ts';

/** One suggestion through the request's batching loader. */
export function loadSuggestion(
  loader: ItemLoader,
  suggestionId: string,
): Promise<Suggestion | undefined> {
  return SuggestionEntity.loadOne(loader, suggestionKey(suggestionId));
}

/** One page of a municipality's suggestions, newest first, optionally in one state. */
export function listSuggestionsOfMunicipality(
  reader: ListingReader,
  code: string,
  state: SuggestionState | undefined,
  page: PageRequest,
): Promise<Connection<Suggestion>> {
  return SuggestionEntity.page(
    reader,
    { query: suggestionsOfMunicipalityQuery(code, state) },
    page,
  );
}

/** One page of an author's own suggestions (a young person's or a contact person's). */
export function listSuggestionsOfAuthor(
  reader: ListingReader,
  author: { youthId: string } | { contactId: string },
  page: PageRequest,
): Promise<Connection<Suggestion>> {
  const query =
    'youthId' in author
      ? suggestionsOfYouthQuery(author.youthId)
      : suggestionsOfContactQuery(author.contactId);
  return SuggestionEntity.page(reader, { query }, page);
}

/** Every suggestion of a young person (their data-subject requests: a small partition). */
export function readAllSuggestionsOfYouth(table: Table, youthId: string): Promise<Suggestion[]> {
  return SuggestionEntity.readAll(table, suggestionsOfYouthQuery(youthId));
}

/**
 * What the figures count of every suggestion to a municipality's network, the live ones and the
 * stubs of erased young people's (maintenance: the recount and migration 0011 read whole
 * partitions).
 */
export async function readSuggestionFiguresOfMunicipality(
  table: Table,
  code: string,
): Promise<SuggestionFigureFacts[]> {
  const listed = await Promise.all(
    suggestionFiguresQueries(code).map((query) => table.queryAll(query)),
  );
  return listed.flat().map(suggestionFigureFactsOf);
}
