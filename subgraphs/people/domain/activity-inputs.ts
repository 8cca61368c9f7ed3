import * as z from 'zod';
import { ACTIVITY_KINDS, MAX_ACTIVITY_MINUTES } from '#kernel/activity-log';
import {
  EntityIdSchema,
  IsoDateSchema,
  MunicipalityCodeSchema,
  PageSizeSchema,
  textSchema,
} from '#kernel/validation';
import type { ActivityKind } from '../generated/resolvers-types.ts';
import { valuesOf } from './sdl-enum.ts';

/** The kernel's kinds of activity, checked to be exactly the SDL's `ActivityKind`. */
export const ActivityKindSchema = z.enum(valuesOf<ActivityKind>()(ACTIVITY_KINDS));

/** The input of `recordActivity`. */
export const RecordActivityInputSchema = z.object({
  municipalityCode: MunicipalityCodeSchema.nullish(),
  kind: ActivityKindSchema,
  minutes: z
    .number()
    .int('must be a whole number')
    .min(1, 'must be at least 1')
    .max(MAX_ACTIVITY_MINUTES, `must be at most ${MAX_ACTIVITY_MINUTES}`),
  on: IsoDateSchema,
  youthId: EntityIdSchema.nullish(),
  companyId: EntityIdSchema.nullish(),
  note: textSchema().nullish(),
});

/** The input of `recordActivity`, parsed. */
export type RecordActivityInput = z.infer<typeof RecordActivityInputSchema>;

/** The arguments of `StaffMember.activities`. */
export const ActivitiesArgsSchema = z.object({
  from: IsoDateSchema.nullish(),
  to: IsoDateSchema.nullish(),
  first: PageSizeSchema.nullish().transform((first) => first ?? 20),
  after: z.string().nullish(),
});
