import * as z from 'zod';

/**
 * `expectedVersion` of an edit: the version of the record as the caller last read it. The
 * command refuses a change made on another version with `CONFLICT` (`requireVersion`).
 */
export const ExpectedVersionSchema = z
  .number()
  .int('must be a whole number')
  .min(1, 'must be at least 1');
