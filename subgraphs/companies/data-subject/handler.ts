import { createDataSubjectLambdaHandler } from '#kernel/data-subject';
import { handleCompaniesDataSubject } from './companies-data-subject.ts';

/** Lambda entry of the companies subgraph's data-subject function (invoked by people only). */
export const handler = createDataSubjectLambdaHandler(handleCompaniesDataSubject);
