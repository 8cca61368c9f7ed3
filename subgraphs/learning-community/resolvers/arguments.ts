import * as z from 'zod';
import type { PageRequest } from '#kernel/listing';
import { EntityIdSchema, PageSizeSchema, parseInput } from '#kernel/validation';

const PageArgsSchema = z.object({
  first: PageSizeSchema,
  after: z.string().nullish(),
});

/**
 * A list's `first` and `after` arguments checked: 1 to 100 items (default 20); a malformed
 * value is `BAD_USER_INPUT`.
 */
export function parsePage(args: { first?: number | null; after?: string | null }): PageRequest {
  return parseInput(PageArgsSchema, { first: args.first ?? undefined, after: args.after });
}

/** An `id` argument checked: malformed is `BAD_USER_INPUT`. */
export function parseId(id: string): string {
  return parseInput(EntityIdSchema, id);
}
