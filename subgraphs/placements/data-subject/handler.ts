import { createDataSubjectLambdaHandler } from '#kernel/data-subject';
import { handlePlacementsDataSubject } from './placements-data-subject.ts';

/** Lambda entry of the placements subgraph's data-subject function (invoked by people only). */
export const handler = createDataSubjectLambdaHandler(handlePlacementsDataSubject);
