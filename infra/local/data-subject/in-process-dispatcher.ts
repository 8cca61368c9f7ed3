import { handleCompaniesDataSubject } from '#companies/data-subject/companies-data-subject';
import { createInProcessDispatcher, type DataSubjectDispatcher } from '#kernel/data-subject';
import type { Table } from '#kernel/table/table';
import { handleLearningDataSubject } from '#learning-community/data-subject/learning-data-subject';
import { handlePeopleDataSubject } from '#people/data-subject/people-data-subject';
import { handlePlacementsDataSubject } from '#placements/data-subject/placements-data-subject';

/**
 * The dispatcher of the local stack and the tests: the four subgraphs' data-subject handlers,
 * the same functions the AWS Lambda functions run, called in process. Only the local stack and
 * tests import this file, so no subgraph's bundle carries another subgraph's code.
 *
 * @param table - the table
 */
export function createLocalDataSubjectDispatcher(table: Table): DataSubjectDispatcher {
  return createInProcessDispatcher(table, {
    people: handlePeopleDataSubject,
    companies: handleCompaniesDataSubject,
    placements: handlePlacementsDataSubject,
    'learning-community': handleLearningDataSubject,
  });
}
