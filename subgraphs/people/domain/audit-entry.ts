import * as z from 'zod';
import { IsoDateSchema, MAX_ID_LENGTH, PageSizeSchema } from '#kernel/validation';

/** One audit record as the data protection officer reads it (ids and codes only). */
export interface AuditEntry {
  at: string;
  action: 'READ' | 'CHANGE' | 'EXPORT' | 'ERASURE' | 'REFUSED';
  target: string;
  youthId: string | null;
  municipalityCode: string | null;
  reason: string | null;
  actorSubject: string;
  actorRole: string;
  correlationId: string;
  /** How many times it happened (a de-duplicated refusal, a count of rate-limited calls). */
  count: number;
}

/** The longest period `refusedAttempts` covers in one listing. */
export const MAX_REFUSED_PERIOD_DAYS = 366;

/** The arguments of `Query.auditTrail`. */
export const AuditTrailArgsSchema = z.object({
  youthId: z.string().min(1).max(MAX_ID_LENGTH),
  first: PageSizeSchema,
  after: z.string().nullish(),
});

/** The arguments of `Query.refusedAttempts`: a period of at most a year. */
export const RefusedAttemptsArgsSchema = z
  .object({
    from: IsoDateSchema,
    to: IsoDateSchema,
    scope: z.enum(['MUNICIPALITY', 'PROGRAMME_WIDE']).nullish(),
    first: PageSizeSchema,
    after: z.string().nullish(),
  })
  .refine((args) => args.from <= args.to, { message: 'must not be before from', path: ['to'] })
  .refine(
    (args) => Date.parse(args.to) - Date.parse(args.from) <= MAX_REFUSED_PERIOD_DAYS * 86_400_000,
    { message: `must be at most ${MAX_REFUSED_PERIOD_DAYS} days after from`, path: ['to'] },
  );
