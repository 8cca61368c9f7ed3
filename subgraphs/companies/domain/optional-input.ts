import type * as z from 'zod';

/**
 * An optional input field: GraphQL sends it absent or null, and both mean "not given", so both
 * parse to undefined.
 *
 * @param schema - the field's schema when it is given
 */
export const optionalInput = <S extends z.ZodType>(schema: S) =>
  schema.nullish().transform((value) => value ?? undefined);
