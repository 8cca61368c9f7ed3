import * as z from 'zod';
import { EntityIdSchema, IsoDateSchema } from '#kernel/validation';
import type {
  PsychologistContactKind,
  PsychologistReferral,
} from '../generated/resolvers-types.ts';
import { valuesOf } from './sdl-enum.ts';

/** The ways a psychologist meets a young person (the SDL's `PsychologistContactKind`). */
export const PSYCHOLOGIST_CONTACT_KINDS = valuesOf<PsychologistContactKind>()([
  'INDIVIDUAL_SESSION',
  'PHONE',
  'VIDEO',
  'GROUP_SESSION',
  'JOINT_MEETING_WITH_CONSULTANT',
]);

/**
 * Where a contact referred the young person on (the SDL's `PsychologistReferral`): the
 * services a municipal psychologist in Denmark refers to — their own doctor (who refers on to
 * a private psychologist or psychiatry), psychiatry directly in acute cases, the municipality's
 * adult social services, addiction treatment.
 */
export const PSYCHOLOGIST_REFERRALS = valuesOf<PsychologistReferral>()([
  'NONE',
  'GENERAL_PRACTITIONER',
  'PSYCHIATRY',
  'MUNICIPAL_ADULT_SERVICES',
  'ADDICTION_TREATMENT',
]);

/** The longest contact the programme records: a working day. */
export const MAX_CONTACT_MINUTES = 480;

/** A follow-up agreed at a contact: the day, and what it is about. */
export const FollowUpSchema = z.object({
  on: IsoDateSchema,
  note: z.string().nullable(),
});

/**
 * One contact of the municipality's psychologist with a young person: what kind, how long,
 * whether it referred them on, and the follow-up agreed. The minutes are stored so the team's
 * resource figures can count them later; no figure counts a person's contacts.
 */
export const PsychologistContactSchema = z.object({
  id: EntityIdSchema,
  youthId: EntityIdSchema,
  on: IsoDateSchema,
  kind: z.enum(PSYCHOLOGIST_CONTACT_KINDS),
  minutes: z.number().int().min(1).max(MAX_CONTACT_MINUTES),
  referralMade: z.enum(PSYCHOLOGIST_REFERRALS),
  followUp: FollowUpSchema.nullable(),
  /** The psychologist who recorded it. */
  psychologistId: EntityIdSchema,
  /** When it was recorded (ISO instant). */
  recordedAt: z.string(),
});

/** A psychologist's contact with a young person. */
export type PsychologistContact = z.infer<typeof PsychologistContactSchema>;

/**
 * A young person on a psychologist's caseload: the psychologist has recorded a contact with
 * them, the latest on `lastContactOn`. One per psychologist and young person, kept in the young
 * person's item collection (so erased with them) and listed by the psychologist.
 */
export const PsychologistCaseloadEntrySchema = z.object({
  youthId: EntityIdSchema,
  psychologistId: EntityIdSchema,
  lastContactOn: IsoDateSchema,
});

/** A young person on a psychologist's caseload. */
export type PsychologistCaseloadEntry = z.infer<typeof PsychologistCaseloadEntrySchema>;
