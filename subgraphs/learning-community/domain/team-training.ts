import * as z from 'zod';
import {
  EntityIdSchema,
  IsoDateSchema,
  MunicipalityCodeSchema,
  textSchema,
} from '#kernel/validation';

/** A team member who trained a new team. */
export const TeamTrainerSchema = z.object({
  staffId: EntityIdSchema,
  municipalityCode: MunicipalityCodeSchema,
});

/** A team member who trained a new team. */
export type TeamTrainer = z.infer<typeof TeamTrainerSchema>;

/** The training of a new municipality's team by experienced NEXTWORK teams. */
export const TeamTrainingSchema = z
  .object({
    id: EntityIdSchema,
    trainedMunicipalityCode: MunicipalityCodeSchema,
    startDate: IsoDateSchema,
    endDate: IsoDateSchema,
    trainers: z.array(TeamTrainerSchema).min(1).max(20),
    topics: z.array(textSchema()).max(30),
    recordedAt: z.string(),
  })
  .refine((t) => t.startDate <= t.endDate, {
    message: 'must not be before startDate',
    path: ['endDate'],
  });

/** The training of a new team. */
export type TeamTraining = z.infer<typeof TeamTrainingSchema>;
