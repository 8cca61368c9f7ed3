import * as z from 'zod';
import { defineCommand } from '#kernel/command';
import { EntityIdSchema } from '#kernel/validation';
import { SelfAssessmentEntity } from '../repository/self-assessment-entity.ts';
import {
  participantTaskExists,
  readParticipantTask,
  readSelfAssessment,
} from '../repository/self-assessment-repository.ts';
import { loadOneYouth, youthExists } from '../repository/youth-repository.ts';
import {
  ENROLMENT_OCCASION,
  ScoreSchema,
  type SelfAssessment,
  type SelfAssessmentOccasion,
} from './self-assessment.ts';
import { currentSelfAssessmentVersion } from './self-assessment-items.ts';
import {
  requireCompleteAnswers,
  requireNotAnswered,
  requireSelfAssessmentTask,
} from './self-assessment-rules.ts';
import { todayOf } from './youth-command-support.ts';
import { requireYouthFound } from './youth-rules.ts';

/** The input of `recordSelfAssessment`. */
export const RecordSelfAssessmentInputSchema = z.object({
  youthId: EntityIdSchema,
  taskId: EntityIdSchema.nullish(),
  answers: z
    .array(z.object({ itemKey: z.string().trim().min(1), score: ScoreSchema }))
    .min(1)
    .max(50),
});

const RememberedSchema = z.object({ youthId: z.string(), occasionKey: z.string() });

/**
 * `recordSelfAssessment`: the young person answers the current items themself, at enrolment
 * (no `taskId`) or for one of their own open self-assessment tasks. One assessment per occasion:
 * its item is created only if none exists under the occasion's shared key, so a second answer
 * is `ALREADY_ANSWERED` (read first, and a race lost to another answer meets the same rule on
 * the command's next run), while a repeat with the same idempotency key replays the first.
 * The task must still exist when the assessment commits, and the young person too.
 */
export const recordSelfAssessmentCommand = defineCommand({
  name: 'recordSelfAssessment',
  input: RecordSelfAssessmentInputSchema,
  async execute(context, input, work) {
    const youth = requireYouthFound(await loadOneYouth(context.loader, input.youthId));
    const version = currentSelfAssessmentVersion();
    const scores = requireCompleteAnswers(input.answers, version);
    const taskId = input.taskId ?? null;
    let occasion: SelfAssessmentOccasion = ENROLMENT_OCCASION;
    let placementId: string | null = null;
    if (taskId) {
      const task = requireSelfAssessmentTask(
        await readParticipantTask(context.table, youth.id, taskId),
      );
      occasion = task.occasion;
      placementId = task.placementId;
      work.add(participantTaskExists(youth.id, taskId));
    }
    const occasionKey = taskId ?? ENROLMENT_OCCASION;
    requireNotAnswered(
      (await readSelfAssessment(context.table, youth.id, occasionKey)) !== undefined,
      taskId !== null,
    );
    const now = context.now();
    const assessment: SelfAssessment = {
      youthId: youth.id,
      municipalityCode: youth.municipalityCode,
      occasionKey,
      occasion,
      taskId,
      placementId,
      itemsVersion: version.version,
      scores,
      date: todayOf(context),
      recordedAt: now.toISOString(),
    };
    work.create(SelfAssessmentEntity, assessment);
    work.add(youthExists(youth.id));
    return assessment;
  },
  // Ids only: the scores stay in the young person's collection.
  remember: (assessment) => ({
    youthId: assessment.youthId,
    occasionKey: assessment.occasionKey,
  }),
  async recall(context, remembered) {
    const { youthId, occasionKey } = RememberedSchema.parse(remembered);
    return requireYouthFound(await readSelfAssessment(context.table, youthId, occasionKey));
  },
});
