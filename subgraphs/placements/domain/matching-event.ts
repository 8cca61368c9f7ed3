import * as z from 'zod';
import {
  EntityIdSchema,
  ExpectedVersionSchema,
  IsoDateSchema,
  MunicipalityCodeSchema,
  textSchema,
} from '#kernel/validation';

/** How many young people or companies one request may add to an event (one transaction). */
export const MAX_PARTICIPANTS_PER_REQUEST = 40;

/** How many young people, and how many companies, one event may hold. */
export const MAX_PARTICIPANTS_PER_EVENT = 200;

/** A matching event where young people and companies meet ("unge og virksomheder mødes"). */
export const MatchingEventSchema = z.object({
  id: EntityIdSchema,
  municipalityCode: MunicipalityCodeSchema,
  title: z.string(),
  date: IsoDateSchema,
  place: z.string(),
  youthIds: z.array(z.string()),
  companyIds: z.array(z.string()),
  createdAt: z.string(),
  version: z.number().int().nonnegative(),
});

/** A matching event. */
export type MatchingEvent = z.infer<typeof MatchingEventSchema>;

/** A young person's part in a matching event, with their own notes. */
export const MatchingEventParticipationSchema = z.object({
  eventId: z.string(),
  eventDate: IsoDateSchema,
  municipalityCode: MunicipalityCodeSchema,
  youthId: z.string(),
  note: z.string().nullable(),
  version: z.number().int().nonnegative(),
});

/** A young person's part in a matching event. */
export type MatchingEventParticipation = z.infer<typeof MatchingEventParticipationSchema>;

const participantIds = z
  .array(EntityIdSchema)
  .max(MAX_PARTICIPANTS_PER_REQUEST, `must name at most ${MAX_PARTICIPANTS_PER_REQUEST}`)
  .nullish()
  .transform((ids) => [...new Set(ids ?? [])]);

/** The input of a new matching event, as validated at the edge. */
export const CreateMatchingEventInputSchema = z.object({
  municipalityCode: MunicipalityCodeSchema,
  title: textSchema(),
  date: IsoDateSchema,
  place: textSchema(),
  youthIds: participantIds,
  companyIds: participantIds,
});

/** The input of a new matching event. */
export type CreateMatchingEventInput = z.infer<typeof CreateMatchingEventInputSchema>;

/** The input that adds participants to an event. */
export const AddMatchingEventParticipantsInputSchema = z.object({
  eventId: EntityIdSchema,
  expectedVersion: ExpectedVersionSchema,
  youthIds: participantIds,
  companyIds: participantIds,
});

/** The input of a young person's notes from an event. */
export const RecordMatchingEventNoteInputSchema = z.object({
  eventId: EntityIdSchema,
  expectedVersion: ExpectedVersionSchema,
  youthId: EntityIdSchema.nullish(),
  note: textSchema(),
});
