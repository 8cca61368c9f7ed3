import * as z from 'zod';
import { answeredById, defineCommand } from '#kernel/command';
import { newId } from '#kernel/keys';
import { textSchema } from '#kernel/validation';
import { loadLearning, stageLearning } from '../repository/practice-learning-repository.ts';
import { aboutMunicipality, teamMemberCalling } from './command-support.ts';
import { MAX_TAGS, type PracticeLearning, TagSchema } from './practice-learning.ts';

/** Input of `sharePracticeLearning`. */
export const SharePracticeLearningInputSchema = z.object({
  title: textSchema(),
  body: textSchema(),
  tags: z
    .array(TagSchema)
    .max(MAX_TAGS, `must hold at most ${MAX_TAGS} tags`)
    .transform((tags) => [...new Set(tags)]),
});

/** Shares a learning with NEXTWORK United on behalf of the caller's team. */
export const sharePracticeLearningCommand = defineCommand({
  name: 'sharePracticeLearning',
  input: SharePracticeLearningInputSchema,
  async execute(context, input, work) {
    const staff = teamMemberCalling(context);
    const now = context.now();
    const learning: PracticeLearning = {
      id: newId(now.getTime()),
      title: input.title,
      body: input.body,
      tags: input.tags,
      municipalityCode: staff.municipalityCode,
      sharedByStaffId: staff.staffId,
      sharedAt: now.toISOString(),
    };
    return stageLearning(work, learning);
  },
  ...answeredById('The practice learning', (context, id) => loadLearning(context.loader, id)),
  about: aboutMunicipality,
});
