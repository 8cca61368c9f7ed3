import { createDataSubjectLambdaHandler } from '#kernel/data-subject';
import { handleLearningDataSubject } from './learning-data-subject.ts';

/** Lambda entry of the learning-community subgraph's data-subject function (invoked by people only). */
export const handler = createDataSubjectLambdaHandler(handleLearningDataSubject);
