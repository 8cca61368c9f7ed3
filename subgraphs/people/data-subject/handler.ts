import { createDataSubjectLambdaHandler } from '#kernel/data-subject';
import { handlePeopleDataSubject } from './people-data-subject.ts';

/** Lambda entry of the people subgraph's data-subject function (invoked by people only). */
export const handler = createDataSubjectLambdaHandler(handlePeopleDataSubject);
