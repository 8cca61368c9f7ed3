import type { DataSubjectRequest, DataSubjectResult } from '#kernel/data-subject';
import type { Table } from '#kernel/table/table';

/**
 * The GraphQL types whose records each section of this subgraph's art. 15 export holds: none,
 * as it holds nothing about a young person (the coverage test fails when a field marked
 * personal appears here without a section).
 */
export const COMPANIES_EXPORT_SECTIONS = {} as const satisfies Record<string, readonly string[]>;

/**
 * The companies subgraph's part of a young person's rights. It holds companies, their contact
 * persons and placement opportunities, and nothing about any young person: no item of its
 * prefixes (`COMPANY`, `CONTACT`, `OPPORTUNITY`, `CVR`, its counter under `MUNI`) names one.
 * It still answers every request, so that a young person's data is looked for in every subgraph
 * and a later change here (a field about young people) has one obvious place to be handled.
 *
 * @param _table - the table
 * @param request - the request
 */
export async function handleCompaniesDataSubject(
  _table: Table,
  request: DataSubjectRequest,
): Promise<DataSubjectResult> {
  switch (request.operation) {
    case 'collect':
      return { operation: 'collect', sections: {} };
    case 'check':
      return { operation: 'check', blockers: [] };
    case 'erase':
      return { operation: 'erase', deleted: 0, anonymised: 0 };
    case 'evaluationRows':
      return { operation: 'evaluationRows', rows: {} };
  }
}
