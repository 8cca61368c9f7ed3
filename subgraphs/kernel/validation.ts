import * as z from 'zod';
import { BadUserInputError } from './errors.ts';

/**
 * Parses input at the edge of a mutation or query; malformed input becomes one
 * `BAD_USER_INPUT` error listing every issue, and nothing downstream runs.
 *
 * @param schema - the zod schema of the input
 * @param input - the raw GraphQL arguments
 */
export function parseInput<S extends z.ZodType>(schema: S, input: unknown): z.infer<S> {
  const result = schema.safeParse(input);
  if (result.success) return result.data;
  const issues = result.error.issues.map((issue) => ({
    path: issue.path.map(String).join('.'),
    message: issue.message,
  }));
  const summary = issues.map((i) => (i.path ? `${i.path}: ${i.message}` : i.message)).join('; ');
  throw new BadUserInputError(`Invalid input: ${summary}`, issues);
}

/** A calendar date, ISO 8601 `YYYY-MM-DD`, that exists (no 30 February). */
export const IsoDateSchema = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'must be a date as YYYY-MM-DD')
  .refine((value) => {
    const date = new Date(`${value}T00:00:00Z`);
    return !Number.isNaN(date.getTime()) && date.toISOString().startsWith(value);
  }, 'is not a real calendar date');

/** A Danish municipality code ("kommunekode"): three digits, e.g. `101` for København. */
export const MunicipalityCodeSchema = z
  .string()
  .regex(/^\d{3}$/, 'must be a three-digit municipality code');

/**
 * The longest `ID` any input may hold: the kernel holds every `ID` argument and input field to
 * it before a resolver runs (`text-inputs.ts`), and an entity id is no longer.
 */
export const MAX_ID_LENGTH = 64;

/** An entity id as issued by this system (ULID-like, URL safe), at most {@link MAX_ID_LENGTH}. */
export const EntityIdSchema = z
  .string()
  .min(1, 'must not be empty')
  .max(MAX_ID_LENGTH, `must be at most ${MAX_ID_LENGTH} characters`)
  .regex(/^[A-Za-z0-9_-]+$/, 'must contain only letters, digits, - and _');

/** A Danish phone number: eight digits, optionally with +45 and spaces. Normalised to `+45XXXXXXXX`. */
export const DanishPhoneSchema = z
  .string()
  .transform((value) => value.replace(/[\s-]/g, ''))
  .pipe(z.string().regex(/^(\+45|0045)?[2-9]\d{7}$/, 'must be a Danish phone number (8 digits)'))
  .transform((value) => `+45${value.slice(-8)}`);

/** An e-mail address, trimmed and lower-cased; its length is the SDL's (`@text(max: 254)`). */
export const EmailSchema = z
  .string()
  .trim()
  .toLowerCase()
  .pipe(z.email('must be an e-mail address'));

/**
 * Free text a person typed: trimmed, not empty. Its length limit is not here but in the SDL,
 * next to the input (`@text(max)`), the one place it is declared: the kernel enforces it, after
 * NFC, before the resolver runs (`text-inputs.ts`), which keeps each item far below 400 KB.
 */
export const textSchema = () => z.string().trim().min(1, 'must not be empty');

/**
 * `expectedVersion` of an edit: the version of the record as the caller last read it. The
 * command refuses a change made on another version with `CONFLICT` naming the current one
 * (`requireVersion`) before it stages anything.
 */
export const ExpectedVersionSchema = z
  .number()
  .int('must be a whole number')
  .min(0, 'must not be negative');

/** Largest page any list returns, so that no request can ask the table for everything at once. */
export const MAX_PAGE_SIZE = 100;

/** Page size argument of a connection: 1 to {@link MAX_PAGE_SIZE}, default 20. */
export const PageSizeSchema = z
  .number()
  .int('must be a whole number')
  .min(1, 'must be at least 1')
  .max(MAX_PAGE_SIZE, `must be at most ${MAX_PAGE_SIZE}`)
  .default(20);
